from django.contrib import admin

from inovda.public.models import Proposal


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("tracking_code", "title", "region", "status", "created_at", "triaged_at")
    list_filter = ("status",)
    search_fields = ("tracking_code", "title", "proposer_name", "region__name", "region__code")
    autocomplete_fields = ("region", "suggested_unit")
    raw_id_fields = ("innovation", "triaged_by")
    readonly_fields = ("tracking_code", "ip_hash", "created_at", "updated_at")
    date_hierarchy = "created_at"
