"""Deadline reminders: the right operators, with the countdown, never twice a day."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.core.models import AuditEvent
from inovda.innovations.models import Report
from inovda.innovations.tests.factories import report
from inovda.notifications.models import Notification, ReminderLog, ReminderRun
from inovda.notifications.reminders import run_reminders, schedule_daily_reminders
from inovda.notifications.tests.factories import closing_in, set_status
from inovda.regions.models import Unit
from inovda.regions.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def balangan(world):
    """Balangan's period closes in 3 days. Disdukcapil has a draft; Dinkes submitted all;
    Bappeda (badan) registered nothing; a Puskesmas registered nothing (not required)."""
    closing_in(world["period"], 3, national_in=40)
    report(world["disdukcapil"], world["period"], name="Galuh Sanggam")
    set_status(report(world["dinkes"], world["period"], name="Sehat Desa"), "submitted")
    bappeda = UnitFactory(region=world["balangan"], name="Bappedalitbang", kind=Unit.Kind.BOARD)
    puskesmas = UnitFactory(
        region=world["balangan"], name="UPTD Puskesmas Uren", kind=Unit.Kind.HEALTH_CENTRE
    )
    return {
        **world,
        "bappeda": bappeda,
        "puskesmas": puskesmas,
        "op_disdukcapil": person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]),
        "head_disdukcapil": person(Role.UNIT_HEAD, unit=world["disdukcapil"]),
        "op_dinkes": person(Role.UNIT_OPERATOR, unit=world["dinkes"]),
        "op_bappeda": person(Role.UNIT_OPERATOR, unit=bappeda),
        "op_puskesmas": person(Role.UNIT_OPERATOR, unit=puskesmas),
        "op_dinsos": person(Role.UNIT_OPERATOR, unit=world["dinsos"]),
        "admin": person(Role.REGION_ADMIN, region=world["balangan"]),
    }


def titles_for(user):
    return list(Notification.objects.filter(recipient=user).values_list("title", flat=True))


def test_daily_check_reminds_the_operators_of_units_still_working(
    balangan, django_capture_on_commit_callbacks
):
    report(balangan["dinsos"], balangan["other_period"], name="Sidaya Sehati")  # draft, not due

    with django_capture_on_commit_callbacks(execute=True):
        summary = run_reminders()

    assert titles_for(balangan["op_disdukcapil"]) == ["Isian IID 2026 ditutup 3 hari lagi"]
    body = Notification.objects.get(recipient=balangan["op_disdukcapil"]).body
    assert body.startswith(
        "Disdukcapil Balangan masih punya 1 laporan inovasi berstatus draf atau dikembalikan"
    )
    assert "(3 hari lagi)" in body
    assert "Batas kirim ke portal nasional" in body
    assert Notification.objects.get(recipient=balangan["op_bappeda"]).body.startswith(
        "Bappedalitbang belum mendaftarkan inovasi untuk IID 2026."
    )
    for quiet in ("head_disdukcapil", "op_dinkes", "op_puskesmas", "op_dinsos", "admin"):
        assert titles_for(balangan[quiet]) == [], quiet
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [balangan["op_disdukcapil"].email, balangan["op_bappeda"].email]
    )
    assert summary == {"periods": 1, "units": 2, "reminded": 2, "skipped": 0, "recipients": 2}


def test_reminder_links_to_the_periods_reports(balangan):
    run_reminders()

    row = Notification.objects.get(recipient=balangan["op_disdukcapil"])

    assert row.url == reverse("innovations:report-list", args=[balangan["period"].pk])
    assert row.kind == "reminder"
    assert row.region == balangan["balangan"]


def test_returned_reports_are_reminded_too(balangan):
    set_status(Report.objects.get(innovation__name="Galuh Sanggam"), "returned")

    run_reminders()

    assert titles_for(balangan["op_disdukcapil"]) == ["Isian IID 2026 ditutup 3 hari lagi"]


def test_unit_with_everything_submitted_is_not_reminded(balangan):
    set_status(Report.objects.get(innovation__name="Galuh Sanggam"), "verified")

    run_reminders()

    assert titles_for(balangan["op_disdukcapil"]) == []
    assert titles_for(balangan["op_dinkes"]) == []


def test_running_twice_a_day_reminds_once(balangan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = run_reminders()
        second = run_reminders()

    assert titles_for(balangan["op_disdukcapil"]) == ["Isian IID 2026 ditutup 3 hari lagi"]
    assert ReminderLog.objects.count() == 2
    assert (first["reminded"], second["reminded"], second["skipped"]) == (2, 0, 2)
    assert len(mail.outbox) == 2


def test_the_guard_is_the_database_row(balangan):
    # As if another worker had reminded Disdukcapil today a moment earlier.
    ReminderLog.objects.create(
        period=balangan["period"], unit=balangan["disdukcapil"], day=timezone.localdate(),
        days_left=3,
    )  # fmt: skip

    run_reminders()

    assert titles_for(balangan["op_disdukcapil"]) == []
    assert titles_for(balangan["op_bappeda"]) != []


@pytest.mark.parametrize(
    ("days", "title"),
    [(7, "Isian IID 2026 ditutup 7 hari lagi"), (1, "Isian IID 2026 ditutup besok"),
     (0, "Isian IID 2026 ditutup hari ini"), (5, None), (2, None), (-1, None)],
)  # fmt: skip
def test_daily_check_runs_only_on_countdown_days(balangan, days, title):
    closing_in(balangan["period"], days)

    run_reminders()

    assert titles_for(balangan["op_disdukcapil"]) == ([title] if title else [])


def test_period_not_yet_open_is_not_reminded(balangan):
    period = balangan["period"]
    period.input_opens = timezone.localdate() + dt.timedelta(days=1)
    period.save()

    run_reminders()

    assert Notification.objects.count() == 0


def test_each_reminder_is_in_the_audit_trail(balangan):
    run_reminders()

    events = AuditEvent.objects.filter(action="reminder.send", region=balangan["balangan"])
    assert sorted(e.summary for e in events) == [
        "Pengingat tenggat IID 2026 ke Bappedalitbang (3 hari lagi), 1 penerima",
        "Pengingat tenggat IID 2026 ke Disdukcapil Balangan (3 hari lagi), 1 penerima",
    ]


def test_daily_schedule_waits_for_office_hours_and_runs_once(
    balangan, settings, django_capture_on_commit_callbacks
):
    settings.INOVDA_REMINDER_HOUR = 7
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    early = dt.datetime.combine(today, dt.time(6, 30), tzinfo=tz)
    later = dt.datetime.combine(today, dt.time(8, 0), tzinfo=tz)

    with django_capture_on_commit_callbacks(execute=True):
        before = schedule_daily_reminders(now=early)
        run = schedule_daily_reminders(now=later)
        again = schedule_daily_reminders(now=later)  # a second worker, or the next tick

    assert before is None
    assert again is None
    run.refresh_from_db()
    assert (run.status, run.units_reminded, run.recipients) == ("done", 2, 2)
    assert titles_for(balangan["op_disdukcapil"]) == ["Isian IID 2026 ditutup 3 hari lagi"]
    assert ReminderRun.objects.filter(trigger="daily").count() == 1


def _daily_run_left_by_a_stopped_worker(balangan, later, *, silent_for):
    """Today's daily run, queued, its worker having reminded Disdukcapil and then died."""
    from inovda.notifications.reminders import operators_of, remind_unit

    run = schedule_daily_reminders(now=later)  # enqueued on commit: never executed here
    unit = balangan["disdukcapil"]
    remind_unit(
        balangan["period"], unit, pending=1, operators=operators_of([unit.pk])[unit.pk],
        today=later.date(), actor=None,
    )  # fmt: skip
    ReminderRun.objects.filter(pk=run.pk).update(
        status="running", units_total=2, units_done=1, updated_at=later - silent_for
    )
    return run


@pytest.fixture
def nine_am(settings):
    """Today 09.00 local time, after the daily reminder hour (07.00)."""
    settings.INOVDA_REMINDER_HOUR = 7
    tz = timezone.get_current_timezone()
    return dt.datetime.combine(timezone.localdate(), dt.time(9, 0), tzinfo=tz)


def test_a_daily_check_whose_worker_stopped_is_taken_over_and_reminds_no_one_twice(
    balangan, nine_am, django_capture_on_commit_callbacks
):
    later = nine_am
    run = _daily_run_left_by_a_stopped_worker(balangan, later, silent_for=dt.timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        taken = schedule_daily_reminders(now=later)
        again = schedule_daily_reminders(now=later)  # another worker's clock, same minute

    assert taken is not None and taken.pk == run.pk and again is None
    run.refresh_from_db()
    assert (run.status, run.units_done, run.units_reminded, run.units_skipped) == (
        "done", 2, 1, 1,
    )  # fmt: skip
    assert "Dilanjutkan" in run.message
    assert titles_for(balangan["op_disdukcapil"]) == ["Isian IID 2026 ditutup 3 hari lagi"]
    assert titles_for(balangan["op_bappeda"]) == ["Isian IID 2026 ditutup 3 hari lagi"]


def test_a_daily_check_still_making_progress_is_left_alone(
    balangan, nine_am, django_capture_on_commit_callbacks
):
    later = nine_am
    run = _daily_run_left_by_a_stopped_worker(balangan, later, silent_for=dt.timedelta(minutes=2))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        taken = schedule_daily_reminders(now=later)

    assert taken is None and callbacks == []
    run.refresh_from_db()
    assert (run.status, run.units_done) == ("running", 1)
    assert titles_for(balangan["op_bappeda"]) == []


def test_send_reminders_command(balangan):
    out = StringIO()

    call_command("send_reminders", stdout=out)

    assert out.getvalue().strip() == (
        "1 periode, 2 unit perlu diingatkan: 2 diingatkan (2 penerima), "
        "0 sudah diingatkan hari ini."
    )


def test_send_reminders_command_for_a_period_sends_now_whatever_the_countdown(balangan):
    closing_in(balangan["period"], 12)

    call_command("send_reminders", "--period", str(balangan["period"].pk), stdout=StringIO())

    assert titles_for(balangan["op_disdukcapil"]) == ["Isian IID 2026 ditutup 12 hari lagi"]


def test_send_reminders_command_explains_a_closed_period(balangan):
    closing_in(balangan["period"], -2)

    with pytest.raises(CommandError, match="sudah ditutup"):
        call_command("send_reminders", "--period", str(balangan["period"].pk))
    with pytest.raises(CommandError, match="Periode 9999 tidak ada"):
        call_command("send_reminders", "--period", "9999")


# --- The region admin's "send now" page ---


def test_region_admin_sends_reminders_now_and_sees_the_result(
    client, balangan, django_capture_on_commit_callbacks
):
    closing_in(balangan["period"], 12)
    client.force_login(balangan["admin"])
    url = reverse("notifications:reminder-period", args=[balangan["period"].pk])
    before = client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notifications:reminder-send", args=[balangan["period"].pk]))
    page = client.get(response.url).content.decode()

    assert "2 unit masih perlu diingatkan" in before
    assert 'data-testid="countdown">12 hari lagi<' in before
    assert 'data-testid="run-status">Selesai<' in page
    assert "2 dari 2 unit diproses: 2 unit diingatkan (2 penerima)" in page
    assert "2 di antaranya sudah diingatkan hari ini." in page
    assert 'data-testid="send-reminders" disabled' in page
    assert page.count('data-testid="log-row"') == 2
    assert titles_for(balangan["op_disdukcapil"]) == ["Isian IID 2026 ditutup 12 hari lagi"]
    assert AuditEvent.objects.filter(action="reminder.start", actor=balangan["admin"]).exists()


def test_send_now_twice_the_same_day_reminds_once(
    client, balangan, django_capture_on_commit_callbacks
):
    client.force_login(balangan["admin"])
    send = reverse("notifications:reminder-send", args=[balangan["period"].pk])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(send)
        response = client.post(send)
    page = client.get(response.url).content.decode()

    assert "2 dari 2 unit diproses: 0 unit diingatkan (0 penerima), 2 sudah diingatkan" in page
    assert Notification.objects.count() == 2


def test_running_reminder_page_polls_for_progress(client, balangan):
    ReminderRun.objects.create(
        trigger="manual", period=balangan["period"], day=timezone.localdate(),
        created_by=balangan["admin"],
    )  # fmt: skip
    client.force_login(balangan["admin"])

    page = client.get(
        reverse("notifications:reminder-period", args=[balangan["period"].pk])
    ).content.decode()

    assert 'data-testid="run-status">Menunggu<' in page
    assert 'hx-trigger="every 2s"' in page


def test_send_now_for_a_closed_period_says_why(client, balangan):
    closing_in(balangan["period"], -1)
    client.force_login(balangan["admin"])

    response = client.post(
        reverse("notifications:reminder-send", args=[balangan["period"].pk]), follow=True
    )

    page = response.content.decode()
    assert "sudah ditutup" in page
    assert "pengingat tidak dikirim lagi" in page
    assert ReminderRun.objects.count() == 0
    assert Notification.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "status"),
    [("verifier", 403), ("operator", 403), ("viewer", 403), ("other_region_admin", 404)],
)
def test_send_now_is_refused_to_anyone_but_the_region_admin(client, balangan, who, status):
    user = {
        "verifier": lambda: person(Role.VERIFIER, region=balangan["balangan"]),
        "operator": lambda: balangan["op_disdukcapil"],
        "viewer": lambda: person(Role.VIEWER, region=balangan["balangan"]),
        "other_region_admin": lambda: person(Role.REGION_ADMIN, region=balangan["bangkalan"]),
    }[who]()
    client.force_login(user)
    period = balangan["period"].pk

    sent = client.post(reverse("notifications:reminder-send", args=[period]))
    shown = client.get(reverse("notifications:reminder-period", args=[period]))

    assert (sent.status_code, shown.status_code) == (status, status)
    assert ReminderRun.objects.count() == 0
    assert Notification.objects.count() == 0


def test_reminder_index_lists_the_admins_periods_only(client, balangan):
    client.force_login(balangan["admin"])

    page = client.get(reverse("notifications:reminder-index")).content.decode()

    assert page.count('data-testid="period-row"') == 1
    assert "Kabupaten Balangan" in page
    assert "Kabupaten Bangkalan" not in page
    assert "3 hari lagi" in page


def test_reminder_index_is_for_region_admins(client, balangan):
    client.force_login(balangan["op_disdukcapil"])

    assert client.get(reverse("notifications:reminder-index")).status_code == 403


def test_inbox_links_region_admins_to_reminders(client, balangan):
    client.force_login(balangan["admin"])
    admin_page = client.get(reverse("notifications:list")).content.decode()
    client.force_login(balangan["op_disdukcapil"])
    operator_page = client.get(reverse("notifications:list")).content.decode()

    assert 'data-testid="reminders-link"' in admin_page
    assert 'data-testid="reminders-link"' not in operator_page


@pytest.mark.parametrize("extra_units", [0, 3])
def test_reminder_page_query_count_is_constant(
    client, balangan, django_assert_num_queries, extra_units
):
    for i in range(extra_units):
        unit = UnitFactory(region=balangan["balangan"], name=f"Dinas Tambahan {i}")
        report(unit, balangan["period"], name=f"Inovasi {i}")
    run_reminders()
    client.force_login(balangan["admin"])

    # session, user, roles, MFA, period, readiness (also who is due), reminded today,
    # logs count + page, latest run, bell
    with django_assert_num_queries(11):
        response = client.get(
            reverse("notifications:reminder-period", args=[balangan["period"].pk])
        )

    assert response.content.decode().count('data-testid="log-row"') == 2 + extra_units
