"""Deadline reminders: units that have not submitted are told, in-app and by e-mail, before input
closes.

Who: the unit operators of every active unit of the period's region that still has a report in
draft or returned, and of every OPD/badan that has no report in the period at all (a Perbup may
require each agency to innovate). When: 7, 3 and 1 day(s) before `input_closes` and on the day
(the daily check), or whenever a region admin presses "send now". Never twice a day: a unique
ReminderLog row per (period, unit, day) is inserted in the same transaction as the notifications,
so concurrent workers or app servers cannot both send.

How it runs daily without cron: django-tasks has no scheduler, so `inovda worker` starts a small
clock beside the worker loop (see `management/commands/worker.py`) that calls
`schedule_daily_reminders` every few minutes; the first worker to insert today's daily
ReminderRun enqueues the check, the others find the row and do nothing, unless that row has
not moved for `STALLED_AFTER` (its worker was killed mid-run): then one of them queues it again.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from inovda.accounts.models import Role, RoleAssignment
from inovda.core.models import record_event
from inovda.innovations.models import Period
from inovda.notifications.models import Notification, ReminderLog, ReminderRun
from inovda.notifications.readiness import unit_readiness
from inovda.notifications.services import notify
from inovda.regions.models import Unit

REMINDER_DAYS = (7, 3, 1, 0)
# Units expected to have at least one innovation each year (reminded even with no report).
MUST_INNOVATE = (Unit.Kind.AGENCY, Unit.Kind.BOARD)


class ReminderProblem(Exception):
    """Reminders cannot be sent for this period now; the message says why, in Indonesian."""


# A daily check that has not moved for this long lost its worker (a unit takes well under a
# second), so the next worker's clock tick queues it again.
STALLED_AFTER = dt.timedelta(minutes=30)


def reminder_hour() -> int:
    """Local hour from which the daily check runs (07.00 by default: the start of office hours)."""
    return int(getattr(settings, "INOVDA_REMINDER_HOUR", 7))


def countdown(days_left: int) -> str:
    """ "hari ini", "besok", "3 hari lagi" — how the message names the time left."""
    if days_left <= 0:
        return _("hari ini")
    if days_left == 1:
        return _("besok")
    return _("%(n)s hari lagi") % {"n": days_left}


def period_problem(period: Period, today: dt.date) -> str | None:
    """Why reminders make no sense for this period today, or None when input is open."""
    if today < period.input_opens:
        return _("Isian %(period)s baru dibuka %(date)s; pengingat belum bisa dikirim.") % {
            "period": period.name,
            "date": formats.date_format(period.input_opens, "j F Y"),
        }
    if today > period.input_closes:
        return _("Isian %(period)s sudah ditutup %(date)s; pengingat tidak dikirim lagi.") % {
            "period": period.name,
            "date": formats.date_format(period.input_closes, "j F Y"),
        }
    return None


def due_periods(today: dt.date) -> QuerySet[Period]:
    """Open periods whose input closes in exactly 7, 3 or 1 day(s), or today."""
    closing = [today + dt.timedelta(days=d) for d in REMINDER_DAYS]
    return Period.objects.filter(input_opens__lte=today, input_closes__in=closing).select_related(
        "region"
    )


def due_units(readiness: list[dict[str, Any]]) -> list[tuple[Unit, int]]:
    """(unit, reports still draft or returned) for each unit that must be reminded.

    `readiness`: the rows of `unit_readiness`. 0 pending means an OPD/badan with no report in
    the period at all.
    """
    return [
        (row["unit"], row["pending"])
        for row in readiness
        if row["pending"] or (row["total"] == 0 and row["unit"].kind in MUST_INNOVATE)
    ]


def units_to_remind(period: Period) -> list[tuple[Unit, int]]:
    """`due_units` of the period's region; one query."""
    return due_units(unit_readiness(period))


def operators_of(unit_ids: list[int]) -> dict[int, list[Any]]:
    """Active unit operators per unit id; one query."""
    found: dict[int, list[Any]] = defaultdict(list)
    assignments = RoleAssignment.objects.filter(
        role=Role.UNIT_OPERATOR, unit_id__in=unit_ids, user__is_active=True
    ).select_related("user")
    for assignment in assignments:
        found[assignment.unit_id].append(assignment.user)
    return found


def reminder_text(period: Period, unit: Unit, pending: int, days_left: int) -> tuple[str, str]:
    """Title and body of one unit's reminder, with the countdown."""
    when = countdown(days_left)
    closes = formats.date_format(period.input_closes, "j F Y")
    title = _("Isian %(period)s ditutup %(when)s") % {"period": period.name, "when": when}
    if pending:
        body = _(
            "%(unit)s masih punya %(n)s laporan inovasi berstatus draf atau dikembalikan untuk "
            "%(period)s. Isian ditutup %(date)s (%(when)s): lengkapi dan ajukan sebelum itu agar "
            "inovasinya ikut dinilai."
        ) % {"unit": unit.name, "n": pending, "period": period.name, "date": closes, "when": when}
    else:
        body = _(
            "%(unit)s belum mendaftarkan inovasi untuk %(period)s. Setiap perangkat daerah "
            "diharapkan punya inovasi; isian ditutup %(date)s (%(when)s)."
        ) % {"unit": unit.name, "period": period.name, "date": closes, "when": when}
    if period.national_deadline:
        body += " " + _("Batas kirim ke portal nasional: %(date)s.") % {
            "date": formats.date_format(period.national_deadline, "j F Y")
        }
    return title, body


def remind_unit(
    period: Period, unit: Unit, *, pending: int, operators: list[Any], today: dt.date, actor: Any
) -> bool:
    """Remind one unit once for `today`; False when it was already reminded today.

    Side effects, in one transaction: a ReminderLog row (the once-a-day guard), one Notification
    per operator (e-mailed after commit), an audit event.
    """
    days_left = (period.input_closes - today).days
    title, body = reminder_text(period, unit, pending, days_left)
    try:
        with transaction.atomic():
            log = ReminderLog.objects.create(
                period=period,
                unit=unit,
                day=today,
                days_left=days_left,
                pending=pending,
                recipients=len(operators),
            )
            notify(
                operators,
                kind=Notification.Kind.REMINDER,
                title=title,
                body=body,
                url=reverse("innovations:report-list", args=[period.pk]),
                region=period.region,
            )
            record_event(
                actor=actor, action="reminder.send", obj=log, region=period.region,
                summary=f"Pengingat tenggat {period.name} ke {unit.name} "
                f"({countdown(days_left)}), {len(operators)} penerima",
            )  # fmt: skip
    except IntegrityError:
        return False  # another worker (or an earlier run today) got there first
    return True


def send_reminders(
    periods: list[Period], *, today: dt.date, run: ReminderRun | None = None, actor: Any = None
) -> dict[str, int]:
    """Remind every unit that needs it in `periods`; progress is saved on `run` as units finish.

    Side effects: those of `remind_unit` per unit; `run` counters updated.
    """
    plans = [(period, units_to_remind(period)) for period in periods]
    operators = operators_of([unit.pk for _period, due in plans for unit, _n in due])
    units = sum(len(due) for _period, due in plans)
    summary = {
        "periods": len(periods),
        "units": units,
        "reminded": 0,
        "skipped": 0,
        "recipients": 0,
    }
    if run is not None:
        run.units_total = summary["units"]
        run.save(update_fields=["units_total", "updated_at"])
    for period, due in plans:
        for unit, pending in due:
            people = operators.get(unit.pk, [])
            if remind_unit(
                period, unit, pending=pending, operators=people, today=today, actor=actor
            ):
                summary["reminded"] += 1
                summary["recipients"] += len(people)
            else:
                summary["skipped"] += 1
            if run is not None:
                run.units_done += 1
                run.units_reminded = summary["reminded"]
                run.units_skipped = summary["skipped"]
                run.recipients = summary["recipients"]
                run.save(
                    update_fields=[
                        "units_done", "units_reminded", "units_skipped", "recipients", "updated_at"
                    ]
                )  # fmt: skip
    return summary


def run_reminders(*, period_id: int | None = None, run_id: int | None = None) -> dict[str, int]:
    """The task's body: load the run and the period(s), send, and record how it ended.

    With a period: that period now (refused with a message when its input is not open). Without:
    the daily check of every period due on the run's day (or today).
    """
    run = ReminderRun.objects.select_related("created_by").filter(pk=run_id).first()
    today = run.day if run is not None else timezone.localdate()
    if run is not None:
        # A run taken over from a stopped worker starts its counts again; units that worker
        # already reminded are counted as "already reminded today".
        run.status = ReminderRun.Status.RUNNING
        run.units_total = run.units_done = run.units_reminded = run.units_skipped = 0
        run.recipients = 0
        run.save(
            update_fields=[
                "status", "units_total", "units_done", "units_reminded", "units_skipped",
                "recipients", "updated_at",
            ]
        )  # fmt: skip
    try:
        with translation.override(settings.LANGUAGE_CODE):
            if period_id is not None:
                period = Period.objects.select_related("region").get(pk=period_id)
                problem = period_problem(period, today)
                if problem:
                    raise ReminderProblem(problem)
                periods = [period]
            else:
                periods = list(due_periods(today))
            actor = run.created_by if run is not None else None
            summary = send_reminders(periods, today=today, run=run, actor=actor)
    except Exception as exc:
        if run is not None:
            run.status = ReminderRun.Status.FAILED
            run.message = str(exc)[:500]
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "message", "finished_at", "updated_at"])
        raise
    if run is not None:
        run.status = ReminderRun.Status.DONE
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "finished_at", "updated_at"])
    return summary


def start_reminders(period: Period, *, actor: Any) -> ReminderRun:
    """A region admin's "send reminders now" for one period: queue it for the worker.

    Side effects: a manual ReminderRun row, an audit event, and (after commit) a task for the
    worker. Raises ReminderProblem when the period's input is not open.
    """
    from inovda.notifications.tasks import send_deadline_reminders

    today = timezone.localdate()
    problem = period_problem(period, today)
    if problem:
        raise ReminderProblem(problem)
    with transaction.atomic():
        run = ReminderRun.objects.create(
            trigger=ReminderRun.Trigger.MANUAL, period=period, day=today, created_by=actor
        )
        record_event(
            actor=actor, action="reminder.start", obj=run, region=period.region,
            summary=f"Kirim pengingat tenggat {period.name} sekarang",
        )  # fmt: skip
    transaction.on_commit(lambda: send_deadline_reminders.enqueue(period.pk, run.pk))
    return run


def schedule_daily_reminders(*, now: dt.datetime | None = None) -> ReminderRun | None:
    """Queue today's reminder check once, whichever worker asks first; None if not (yet) due.

    Called every few minutes by the worker's clock. Before `INOVDA_REMINDER_HOUR` (local time)
    nothing happens, so reminders arrive in office hours.

    Side effects: the day's daily ReminderRun row and, after commit, a task for the worker.
    """
    from inovda.notifications.tasks import send_deadline_reminders

    local = timezone.localtime(now)
    if local.hour < reminder_hour():
        return None
    today = local.date()
    existing = ReminderRun.objects.filter(trigger=ReminderRun.Trigger.DAILY, day=today).first()
    if existing is not None:
        return _take_over_if_stalled(existing, now=timezone.now() if now is None else now)
    try:
        with transaction.atomic():
            run = ReminderRun.objects.create(trigger=ReminderRun.Trigger.DAILY, day=today)
    except IntegrityError:
        return None  # another worker inserted today's row between our check and our insert
    transaction.on_commit(lambda: send_deadline_reminders.enqueue(None, run.pk))
    return run


def _take_over_if_stalled(run: ReminderRun, *, now: dt.datetime) -> ReminderRun | None:
    """Queue today's daily check again when the worker running it stopped (killed, restarted).

    A run still queued or running with no progress for `STALLED_AFTER` lost its worker: the
    task backend does not retry it, and without this no unit would be reminded that day. The
    conditional UPDATE lets exactly one of several workers take it over; units already
    reminded are skipped by their ReminderLog row, so nobody is reminded twice.
    """
    from inovda.notifications.tasks import send_deadline_reminders

    if not run.is_running or run.updated_at > now - STALLED_AFTER:
        return None
    taken = ReminderRun.objects.filter(
        pk=run.pk,
        status__in=(ReminderRun.Status.QUEUED, ReminderRun.Status.RUNNING),
        updated_at__lte=now - STALLED_AFTER,
    ).update(
        status=ReminderRun.Status.QUEUED,
        updated_at=now,
        message=_("Dilanjutkan: pemeriksaan sebelumnya berhenti tanpa selesai."),
    )
    if not taken:
        return None  # another worker took it over a moment ago
    transaction.on_commit(lambda: send_deadline_reminders.enqueue(None, run.pk))
    run.refresh_from_db()
    return run
