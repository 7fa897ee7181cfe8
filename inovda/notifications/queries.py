"""Reads: a person's own notifications (nobody else's, ever) and the periods they may remind."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from inovda.accounts.access import region_ids_with_role, regions_for
from inovda.accounts.models import Role
from inovda.innovations.models import Period
from inovda.notifications.models import Notification, ReminderLog, ReminderRun


def notifications_for(user: Any) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def get_notification_for(user: Any, pk: int) -> Notification | None:
    """One of the user's notifications; None for someone else's or a missing one (same 404)."""
    return notifications_for(user).filter(pk=pk).first()


def unread_count(user: Any) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()


def reminder_periods_for(user: Any) -> QuerySet[Period]:
    """Periods of the regions where the user is region admin, newest first."""
    regions = region_ids_with_role(user, Role.REGION_ADMIN)
    return (
        Period.objects.filter(region_id__in=regions)
        .select_related("region")
        .order_by("-input_closes", "region__name")
    )


def get_reminder_period_for(user: Any, pk: int) -> Period | None:
    """A period the user may read (any role in its region); None otherwise (404)."""
    periods = Period.objects.filter(pk=pk, region__in=regions_for(user))
    return periods.select_related("region").first()


def reminder_logs(period: Period) -> QuerySet[ReminderLog]:
    return (
        ReminderLog.objects.filter(period=period)
        .select_related("unit")
        .order_by("-day", "unit__name")
    )


def units_reminded_on(period: Period, day: Any) -> set[int]:
    """Ids of the units already reminded for this period on `day`."""
    return set(ReminderLog.objects.filter(period=period, day=day).values_list("unit_id", flat=True))


def latest_run(period: Period) -> ReminderRun | None:
    return ReminderRun.objects.filter(period=period).order_by("-created_at", "-id").first()
