"""Back-office views (read-only): notifications are written by services, never by hand."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from inovda.notifications.models import Notification, ReminderLog, ReminderRun


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at", "emailed_at"]
    list_filter = ["kind"]
    search_fields = ["title", "recipient__email"]
    list_select_related = ["recipient"]


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyAdmin):
    list_display = ["day", "period", "unit", "days_left", "pending", "recipients"]
    list_select_related = ["period__region", "unit"]


@admin.register(ReminderRun)
class ReminderRunAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "trigger", "period", "status", "units_reminded", "recipients"]
    list_filter = ["trigger", "status"]
    list_select_related = ["period__region"]
