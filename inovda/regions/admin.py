from django.contrib import admin

from inovda.regions.models import Region, Unit


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name")
    autocomplete_fields = ("parent",)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "region__name", "region__code")
    autocomplete_fields = ("region", "parent")
