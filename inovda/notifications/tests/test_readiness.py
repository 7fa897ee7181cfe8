"""Readiness per unit: counts by status, percent done, the date each unit finished, days left."""

import datetime as dt

import pytest
from django.utils import timezone

from inovda.innovations.tests.factories import report
from inovda.notifications.readiness import unit_readiness
from inovda.notifications.tests.factories import closing_in, set_status
from inovda.regions.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def by_name(rows):
    return {row["unit"].name: row for row in rows}


def test_readiness_counts_percent_and_finish_date(world):
    period = closing_in(world["period"], 10, national_in=45)
    tz = timezone.get_current_timezone()
    early = dt.datetime(2026, 8, 3, 9, 0, tzinfo=tz)
    late = dt.datetime(2026, 8, 20, 15, 30, tzinfo=tz)
    set_status(
        report(world["disdukcapil"], period, name="Galuh Sanggam"), "verified", submitted_at=early
    )
    set_status(
        report(world["disdukcapil"], period, name="Dukcapil Keliling"), "sent", submitted_at=late
    )
    set_status(
        report(world["disdukcapil"], period, name="Akta Kilat"), "submitted", submitted_at=early
    )
    report(world["dinkes"], period, name="Sehat Desa")  # draft
    set_status(report(world["dinkes"], period, name="Posyandu Digital"), "returned")
    set_status(report(world["dinsos"], world["other_period"], name="Sidaya Sehati"), "verified")
    UnitFactory(region=world["balangan"], name="Satpol PP Balangan")

    rows = by_name(unit_readiness(period))

    assert list(rows) == ["Dinas Kesehatan Balangan", "Disdukcapil Balangan", "Satpol PP Balangan"]
    disdukcapil = rows["Disdukcapil Balangan"]
    assert disdukcapil["counts"] == {
        "draft": 0, "submitted": 1, "approved": 0, "returned": 0, "verified": 1, "ready": 0,
        "sent": 1,
    }  # fmt: skip
    assert (disdukcapil["total"], disdukcapil["pending"], disdukcapil["in_review"]) == (3, 0, 1)
    assert (disdukcapil["done"], disdukcapil["percent_done"]) == (2, 67)
    assert disdukcapil["state"] == "submitted"
    assert disdukcapil["finished_on"] == dt.date(2026, 8, 20)
    dinkes = rows["Dinas Kesehatan Balangan"]
    assert (dinkes["pending"], dinkes["percent_done"], dinkes["state"]) == (2, 0, "working")
    assert dinkes["finished_on"] is None
    idle = rows["Satpol PP Balangan"]
    assert (idle["total"], idle["percent_done"], idle["state"], idle["finished_on"]) == (
        0, 0, "not_started", None,
    )  # fmt: skip
    assert {(r["days_to_input_closes"], r["days_to_national_deadline"]) for r in rows.values()} == {
        (10, 45)
    }


def test_unit_with_every_report_verified_is_done(world):
    period = world["period"]
    set_status(report(world["disdukcapil"], period), "ready")

    row = by_name(unit_readiness(period))["Disdukcapil Balangan"]

    assert (row["state"], row["percent_done"]) == ("done", 100)


def test_a_returned_report_unfinishes_the_unit(world):
    period = world["period"]
    set_status(report(world["disdukcapil"], period, name="Galuh Sanggam"), "verified")
    set_status(report(world["disdukcapil"], period, name="Akta Kilat"), "returned")

    row = by_name(unit_readiness(period))["Disdukcapil Balangan"]

    assert row["finished_on"] is None
    assert row["state"] == "working"


def test_days_left_count_down_and_go_negative(world):
    period = world["period"]
    today = timezone.localdate()
    period.input_closes = today + dt.timedelta(days=3)

    later = unit_readiness(period, today=today + dt.timedelta(days=5))

    assert {r["days_to_input_closes"] for r in later} == {-2}
    assert {r["days_to_national_deadline"] for r in later} == {None}


@pytest.mark.parametrize("reports", [1, 4])
def test_readiness_is_one_query(world, django_assert_num_queries, reports):
    for i in range(reports):
        unit = UnitFactory(region=world["balangan"], name=f"Dinas Uji Siap {i}")
        set_status(report(unit, world["period"], name=f"Inovasi {i}"), "submitted")

    with django_assert_num_queries(1):
        rows = unit_readiness(world["period"])

    assert sum(r["total"] for r in rows) == reports
