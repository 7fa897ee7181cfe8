"""Notifications and a world with a period about to close, for tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from inovda.innovations.models import Period, Report
from inovda.notifications.models import Notification
from inovda.notifications.services import notify


def notification(user: Any, title: str = "Laporan dikembalikan", **fields: Any) -> Notification:
    """One in-app notification for `user`, written through the service (no e-mail)."""
    fields.setdefault("kind", Notification.Kind.RETURNED)
    fields.setdefault("url", "/inovasi/")
    return notify([user], title=title, email=False, **fields)[0]


def closing_in(period: Period, days: int, *, national_in: int | None = None) -> Period:
    """Move the period's schedule so its input opened a month ago and closes in `days` days."""
    today = timezone.localdate()
    period.input_opens = today - dt.timedelta(days=30)
    period.input_closes = today + dt.timedelta(days=days)
    period.verification_closes = period.input_closes + dt.timedelta(days=30)
    period.final_on = period.verification_closes + dt.timedelta(days=30)
    period.national_deadline = (
        today + dt.timedelta(days=national_in) if national_in is not None else None
    )
    period.save()
    return period


def set_status(report: Report, status: str, *, submitted_at: dt.datetime | None = None) -> Report:
    """Put a report in a workflow state directly (the review workflow is tested elsewhere)."""
    if submitted_at is None and status != Report.Status.DRAFT:
        submitted_at = timezone.now()
    Report.objects.filter(pk=report.pk).update(status=status, submitted_at=submitted_at)
    report.refresh_from_db()
    return report
