from django.contrib import admin

from inovda.accounts.models import Invitation, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    autocomplete_fields = ("region", "unit")
    exclude = ("granted_by",)


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("email", "full_name", "is_active", "last_login")
    search_fields = ("email", "full_name")
    list_filter = ("is_active", "is_staff")
    exclude = ("password", "groups", "user_permissions")
    inlines = [RoleAssignmentInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "region", "unit")
    list_filter = ("role",)
    search_fields = ("user__email", "user__full_name", "region__name", "unit__name")
    autocomplete_fields = ("user", "region", "unit")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "role", "region", "unit", "expires_at", "accepted_at", "revoked_at")
    list_filter = ("role",)
    search_fields = ("email", "full_name")
    readonly_fields = ("token_hash",)
    autocomplete_fields = ("region", "unit", "invited_by", "accepted_by")
