from django.contrib import admin

from inovda.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is written by services, never edited."""

    list_display = (
        "occurred_at",
        "actor",
        "region",
        "action",
        "object_type",
        "object_id",
        "summary",
    )
    list_filter = ("action", "object_type")
    search_fields = ("summary", "object_id", "actor__email")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
