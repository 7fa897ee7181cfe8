"""The notification inbox and the reminder pages: lookup (404), predicate (403), service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inovda.accounts.access import region_ids_with_role
from inovda.accounts.models import Role
from inovda.innovations.models import Period
from inovda.notifications import queries, services
from inovda.notifications.permissions import can_send_reminders
from inovda.notifications.readiness import unit_readiness
from inovda.notifications.reminders import (
    ReminderProblem,
    countdown,
    due_units,
    period_problem,
    start_reminders,
)

PAGE_SIZE = 20


def _list_url(page: str | None = None) -> str:
    url = reverse("notifications:list")
    return f"{url}?page={page}" if page and page.isdigit() else url


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = queries.notifications_for(request.user).select_related("region")
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {
            "page_obj": page,
            "can_remind": bool(region_ids_with_role(request.user, Role.REGION_ADMIN)),
        },
    )


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notification read and follow its link, but only to a page of this site."""
    notification = queries.get_notification_for(request.user, pk)
    if notification is None:
        raise Http404("Notifikasi tidak ditemukan")
    services.mark_read(notification, actor=request.user)
    if not notification.url:
        return redirect("notifications:list")
    if not services.is_site_path(notification.url):
        messages.error(
            request,
            _("Tautan notifikasi ini mengarah ke luar inovda, jadi tidak dibuka."),
        )
        return redirect("notifications:list")
    return HttpResponseRedirect(notification.url)


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = queries.get_notification_for(request.user, pk)
    if notification is None:
        raise Http404("Notifikasi tidak ditemukan")
    services.mark_read(notification, actor=request.user)
    return redirect(_list_url(request.POST.get("page")))


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    changed = services.mark_all_read(actor=request.user)
    if changed:
        messages.success(request, _("%(n)s notifikasi ditandai sudah dibaca.") % {"n": changed})
    return redirect("notifications:list")


def _period_to_remind(request: HttpRequest, period_pk: int) -> Period:
    period = queries.get_reminder_period_for(request.user, period_pk)
    if period is None:
        raise Http404("Periode tidak ditemukan")
    if not can_send_reminders(request.user, period.region):
        raise PermissionDenied
    return period


@login_required
def reminder_index(request: HttpRequest) -> HttpResponse:
    """The periods a region admin may send reminders for."""
    if not region_ids_with_role(request.user, Role.REGION_ADMIN):
        raise PermissionDenied
    today = timezone.localdate()
    periods = [
        {
            "period": period,
            "days_left": (period.input_closes - today).days,
            "countdown": countdown((period.input_closes - today).days),
            "problem": period_problem(period, today),
        }
        for period in queries.reminder_periods_for(request.user)[:50]
    ]
    return render(request, "notifications/reminder_index.html", {"periods": periods})


@login_required
def reminder_period(request: HttpRequest, period_pk: int) -> HttpResponse:
    """One period: who would be reminded, the last run's progress, what was sent, readiness."""
    period = _period_to_remind(request, period_pk)
    today = timezone.localdate()
    readiness = unit_readiness(period, today=today)
    due = {unit.pk for unit, _pending in due_units(readiness)}
    reminded = queries.units_reminded_on(period, today) & due
    for row in readiness:
        row["due"] = row["unit"].pk in due - reminded
        row["reminded_today"] = row["unit"].pk in reminded
    logs = Paginator(queries.reminder_logs(period), PAGE_SIZE).get_page(request.GET.get("page"))
    days_left = (period.input_closes - today).days
    return render(
        request,
        "notifications/reminder_period.html",
        {
            "period": period,
            "problem": period_problem(period, today),
            "days_left": days_left,
            "countdown": countdown(days_left),
            "due_count": len(due),
            "reminded_count": len(reminded),
            "to_send": len(due - reminded),
            "readiness": readiness,
            "run": queries.latest_run(period),
            "page_obj": logs,
        },
    )


@login_required
@require_POST
def reminder_send(request: HttpRequest, period_pk: int) -> HttpResponse:
    period = _period_to_remind(request, period_pk)
    try:
        start_reminders(period, actor=request.user)
    except ReminderProblem as problem:
        messages.error(request, str(problem))
    else:
        messages.success(
            request, _("Pengingat dikirim di latar belakang; halaman ini diperbarui sendiri.")
        )
    return redirect("notifications:reminder-period", period_pk=period.pk)
