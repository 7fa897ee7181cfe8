"""Sending notifications: rows in the inbox, one e-mail each, links that stay on the site."""

import pytest
from django.core import mail
from django.db import transaction

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.notifications.models import Notification
from inovda.notifications.services import notify, notify_region, notify_unit, send_emails
from inovda.notifications.tests.factories import notification

pytestmark = pytest.mark.django_db


def test_notify_writes_a_row_and_emails_each_recipient(
    world, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://inovda.balangankab.go.id/"
    operator = person(Role.UNIT_OPERATOR, unit=world["disdukcapil"], full_name="Siti Rahmah")
    head = person(Role.UNIT_HEAD, unit=world["disdukcapil"])

    with django_capture_on_commit_callbacks(execute=True):
        rows = notify(
            [operator, head, operator],  # a duplicate is told once
            kind=Notification.Kind.RETURNED,
            title="Galuh Sanggam dikembalikan verifikator",
            body="Indikator 16: SK belum ditandatangani.",
            url="/inovasi/laporan/7/",
            region=world["balangan"],
        )

    assert len(rows) == 2
    assert Notification.objects.filter(recipient=operator).get().title == (
        "Galuh Sanggam dikembalikan verifikator"
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([operator.email, head.email])
    to_operator = next(m for m in mail.outbox if m.to == [operator.email])
    assert to_operator.subject == "[inovda] Galuh Sanggam dikembalikan verifikator"
    assert to_operator.body.startswith("Yth. Siti Rahmah,")
    assert "Indikator 16: SK belum ditandatangani." in to_operator.body
    opened = Notification.objects.get(recipient=operator).pk
    assert f"https://inovda.balangankab.go.id/notifikasi/{opened}/buka/" in to_operator.body
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_notify_is_one_bulk_insert(world, django_assert_num_queries):
    people = [person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]) for _ in range(3)]

    with django_assert_num_queries(1):
        rows = notify(people, kind="info", title="Info", email=False)

    assert [r.recipient for r in rows] == people
    assert Notification.objects.count() == 3


def test_notify_sends_no_email_when_the_callers_transaction_rolls_back(
    world, django_capture_on_commit_callbacks
):
    operator = person(Role.UNIT_OPERATOR, unit=world["disdukcapil"])

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify([operator], kind="returned", title="Dikembalikan")
        raise RuntimeError("the caller's service failed")

    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_notify_without_email_sends_none(world, django_capture_on_commit_callbacks):
    operator = person(Role.UNIT_OPERATOR, unit=world["disdukcapil"])

    with django_capture_on_commit_callbacks(execute=True):
        notify([operator], kind="info", title="Info", email=False)

    assert Notification.objects.get().recipient == operator
    assert mail.outbox == []


def test_notify_skips_deactivated_people(world):
    gone = person(Role.UNIT_OPERATOR, unit=world["disdukcapil"], is_active=False)

    rows = notify([gone], kind="info", title="Info", email=False)

    assert rows == []
    assert Notification.objects.count() == 0


@pytest.mark.parametrize(
    "url",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)",
     "inovasi/", "/inovasi/\n"],
)  # fmt: skip
def test_notify_refuses_a_link_that_leaves_the_site(world, url):
    operator = person(Role.UNIT_OPERATOR, unit=world["disdukcapil"])

    with pytest.raises(ValueError, match="di dalam inovda"):
        notify([operator], kind="info", title="Info", url=url)

    assert Notification.objects.count() == 0


def test_notify_unit_tells_the_units_operators_only(world, django_capture_on_commit_callbacks):
    operator = person(Role.UNIT_OPERATOR, unit=world["disdukcapil"])
    person(Role.UNIT_HEAD, unit=world["disdukcapil"])
    person(Role.UNIT_OPERATOR, unit=world["dinkes"])  # same region, other unit
    person(Role.UNIT_OPERATOR, unit=world["dinsos"])  # other region
    person(Role.VERIFIER, region=world["balangan"])

    with django_capture_on_commit_callbacks(execute=True):
        rows = notify_unit(
            world["disdukcapil"], kind="returned", title="Dikembalikan", url="/inovasi/"
        )

    assert [r.recipient for r in rows] == [operator]
    assert rows[0].region == world["balangan"]
    assert [m.to for m in mail.outbox] == [[operator.email]]


def test_notify_unit_takes_several_roles(world):
    operator = person(Role.UNIT_OPERATOR, unit=world["disdukcapil"])
    head = person(Role.UNIT_HEAD, unit=world["disdukcapil"])
    person(Role.MENTOR, unit=world["disdukcapil"])

    rows = notify_unit(
        world["disdukcapil"], [Role.UNIT_OPERATOR, Role.UNIT_HEAD], kind="info", title="Info",
        email=False,
    )  # fmt: skip

    assert {r.recipient for r in rows} == {operator, head}


def test_notify_region_tells_its_admins(world):
    admin = person(Role.REGION_ADMIN, region=world["balangan"])
    person(Role.REGION_ADMIN, region=world["bangkalan"])
    person(Role.VERIFIER, region=world["balangan"])

    rows = notify_region(world["balangan"], kind="proposal", title="Usulan baru", email=False)

    assert [r.recipient for r in rows] == [admin]


def test_send_emails_twice_sends_each_once(world):
    operator = person(Role.UNIT_OPERATOR, unit=world["disdukcapil"])
    row = notification(operator)

    first = send_emails([row.pk])
    second = send_emails([row.pk])

    assert (first, second) == (1, 0)
    assert len(mail.outbox) == 1
