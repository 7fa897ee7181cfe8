"""Periods and the innovation register: eligibility from the rulebook, conflicts, tenancy."""

import datetime as dt

import pytest
from django.urls import reverse

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.core.models import AuditEvent
from inovda.innovations import services
from inovda.innovations.models import Innovation, Period, Report
from inovda.innovations.tests.factories import DESIGN
from inovda.methodology.models import Rulebook

pytestmark = pytest.mark.django_db


def _profile(**changes):
    data = {
        "stage": "penerapan",
        "initiator_kind": "perangkat_daerah",
        "initiator_name": "Disdukcapil",
        "kind": "digital",
        "form": "pelayanan_publik",
        "main_affair": "administrasi kependudukan",
        "other_affairs": "",
        "implemented_on": "2024-03-01",
        "design": DESIGN,
        "goals": "Layanan cepat",
        "benefits": "Warga terlayani",
        "results": "Dokumen terbit",
    }
    data.update(changes)
    return data


def _register(client, world, **changes):
    data = {"name": "Galuh Sanggam", "unit": world["disdukcapil"].pk, **_profile(**changes)}
    return client.post(reverse("innovations:report-create", args=[world["period"].pk]), data)


def test_operator_registers_an_innovation_with_its_profile(client, world):
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))

    response = _register(client, world, other_affairs="kesehatan; sosial")

    report = Report.objects.get()
    assert response.url == reverse("innovations:report-edit", args=[report.pk])
    assert (report.innovation.name, report.innovation.unit) == (
        "Galuh Sanggam",
        world["disdukcapil"],
    )
    assert report.other_affairs == ["kesehatan", "sosial"]
    assert report.design_words == 320
    assert AuditEvent.objects.filter(action="report.create").count() == 1


def test_an_old_innovation_is_refused_unless_reported_as_a_developed_version(client, world):
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))

    old = _register(client, world, implemented_on="2021-05-01")
    no_note = _register(client, world, implemented_on="2021-05-01", developed_on="2025-02-01")
    developed = _register(
        client,
        world,
        implemented_on="2021-05-01",
        developed_on="2025-02-01",
        development_note="Ditambah layanan daring untuk akta kelahiran dan kartu "
        "identitas anak di seluruh kecamatan Balangan",
    )

    assert "hanya dapat dilaporkan sebagai versi baru" in old.content.decode()
    assert "minimal 10 kata" in no_note.content.decode()
    assert developed.status_code == 302
    assert Report.objects.count() == 1


def test_two_people_saving_the_same_report_get_a_conflict_not_a_silent_overwrite(client, world):
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    _register(client, world)
    report = Report.objects.get()
    url = reverse("innovations:report-edit", args=[report.pk])

    first = client.post(url, {**_profile(goals="Versi Siti"), "seen_version": 1})
    second = client.post(url, {**_profile(goals="Versi Budi"), "seen_version": 1})

    report.refresh_from_db()
    assert first.status_code == 302
    assert "baru saja disimpan orang lain" in second.content.decode()
    assert "Versi Budi" in second.content.decode()  # what Budi typed is still in the form
    assert (report.goals, report.version) == ("Versi Siti", 2)


def test_after_input_closes_nothing_changes_and_the_reason_is_shown(client, world):
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    _register(client, world)
    Period.objects.filter(pk=world["period"].pk).update(input_closes=dt.date(2026, 6, 2))
    report = Report.objects.get()

    response = client.post(
        reverse("innovations:report-edit", args=[report.pk]),
        {**_profile(goals="Terlambat"), "seen_version": 1},
    )

    report.refresh_from_db()
    assert "Isian periode ini sudah ditutup" in response.content.decode()
    assert report.goals == "Layanan cepat"


def test_other_unit_and_other_region_see_nothing(client, world):
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    _register(client, world)
    report = Report.objects.get()

    client.force_login(person(Role.UNIT_OPERATOR, unit=world["dinkes"]))
    same_region = client.get(reverse("innovations:report-edit", args=[report.pk]))
    listing = client.get(reverse("innovations:report-list", args=[world["period"].pk]))
    client.force_login(person(Role.REGION_ADMIN, region=world["bangkalan"]))
    other_region = client.get(reverse("innovations:report-edit", args=[report.pk]))
    other_period = client.get(reverse("innovations:report-list", args=[world["period"].pk]))

    assert same_region.status_code == 404
    assert "Galuh Sanggam" not in listing.content.decode()
    assert (other_region.status_code, other_period.status_code) == (404, 404)


def test_operator_cannot_register_for_a_unit_not_theirs(client, world):
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["dinkes"]))

    _register(client, world)

    assert Innovation.objects.count() == 0


def test_viewer_reads_but_cannot_register(client, world):
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    _register(client, world)
    client.force_login(person(Role.VIEWER, region=world["balangan"]))

    listing = client.get(reverse("innovations:report-list", args=[world["period"].pk]))
    create = _register(client, world)

    assert "Galuh Sanggam" in listing.content.decode()
    assert create.status_code == 403


def test_region_admin_creates_a_period_with_an_ordered_schedule(client, world):
    client.force_login(person(Role.REGION_ADMIN, region=world["balangan"]))
    rulebook = Rulebook.objects.get(name="IID-2027-DRAFT").pk
    data = {
        "name": "IID 2027",
        "rulebook": rulebook,
        "input_opens": "2027-06-01",
        "input_closes": "2027-08-23",
        "verification_closes": "2027-09-30",
        "final_on": "2027-12-01",
    }

    bad = client.post(reverse("innovations:period-list"), {**data, "final_on": "2027-01-01"})
    good = client.post(reverse("innovations:period-list"), data)

    assert "Urutan jadwal" in bad.content.decode()
    assert good.status_code == 302
    assert Period.objects.get(name="IID 2027").rulebook_version.rulebook.name == "IID-2027-DRAFT"


def test_report_list_query_count_is_constant(client, world, django_assert_num_queries):
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    _register(client, world)
    url = reverse("innovations:report-list", args=[world["period"].pk])
    client.get(url)  # warm per-process caches (content types, parsed rulebook)
    with django_assert_num_queries(10):
        client.get(url)
    for name in ("Balanting", "Dewa Cinta"):
        services.register_innovation(
            actor=None,
            unit=world["disdukcapil"],
            period=world["period"],
            name=name,
            **{**_profile(), "other_affairs": [], "implemented_on": dt.date(2024, 3, 1)},
        )

    with django_assert_num_queries(10):
        client.get(url)


def test_word_count_is_live_against_the_rulebook_minimum(client, world):
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))

    short = client.post(
        reverse("innovations:word-count"), {"design": "satu dua tiga", "min_words": 300}
    )
    long = client.post(reverse("innovations:word-count"), {"design": DESIGN, "min_words": 300})

    assert (
        'class="badge warn"' in short.content.decode() and "3 / 300 kata" in short.content.decode()
    )
    assert 'class="badge"' in long.content.decode()


def test_region_dashboard_query_count_is_constant(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from inovda.innovations.tests.factories import report

    client.force_login(person(Role.REGION_ADMIN, region=world["balangan"]))
    url = reverse("innovations:report-list", args=[world["period"].pk])
    report(world["disdukcapil"], world["period"], name="Galuh Sanggam")
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for i in range(6):
        report(world["dinkes"], world["period"], name=f"Inovasi {i}")

    assert count() == before


def test_region_admin_moves_the_schedule_and_the_national_deadline(client, world):
    url = reverse("innovations:period-edit", args=[world["period"].pk])
    data = {
        "name": "IID 2026",
        "input_opens": "2026-06-01",
        "input_closes": "2099-09-15",
        "verification_closes": "2099-09-30",
        "final_on": "2099-12-01",
        "national_deadline": "2099-10-15",
    }
    client.force_login(person(Role.VERIFIER, region=world["balangan"]))
    verifier = client.post(url, data)
    client.force_login(person(Role.REGION_ADMIN, region=world["bangkalan"]))
    foreign = client.post(url, data)
    client.force_login(person(Role.REGION_ADMIN, region=world["balangan"]))
    disordered = client.post(url, {**data, "final_on": "2099-01-01"})
    saved = client.post(url, data)

    period = Period.objects.get(pk=world["period"].pk)
    assert (verifier.status_code, foreign.status_code) == (403, 404)
    assert "Urutan jadwal" in disordered.content.decode()
    assert saved.status_code == 302
    assert (period.input_closes, period.national_deadline) == (
        dt.date(2099, 9, 15),
        dt.date(2099, 10, 15),
    )
    page = client.get(reverse("innovations:report-list", args=[period.pk])).content.decode()
    assert "hari ke tenggat portal nasional" in page
    assert AuditEvent.objects.filter(action="period.schedule").count() == 1
