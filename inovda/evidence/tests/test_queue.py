"""The region's "Peringatan bukti" queue and "Inovasi kembar" page: what the region admin and
verifiers check before submission, nobody else's data, a constant number of queries."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.evidence.duplicates import name_similarity, similar_names
from inovda.evidence.tests import files
from inovda.evidence.tests.helpers import attach, design_text, upload
from inovda.innovations.models import Period
from inovda.innovations.tests.factories import report
from inovda.regions.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("evidence:warning-queue")
DUPLICATES = reverse("evidence:duplicates")


def _rows(response, testid):
    html = response.content.decode()
    found = re.findall(rf'<(tr|article)[^>]*data-testid="{testid}">(.*?)</\1>', html, re.S)
    return [inner for _tag, inner in found]


def _text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def flagged(period_world):
    """Balangan with one innovation whose decree is a scan, and Bangkalan with its own warning."""
    w = period_world
    galuh = report(w["disdukcapil"], w["period"], name="Galuh Sanggam")
    attach(w["period"], galuh, "16", upload(w["disdukcapil"], data=files.pdf(), name="scan.pdf"))
    secret = report(w["dinsos"], w["other_period"], name="Rahasia Bangkalan")
    attach(w["other_period"], secret, "16", upload(w["dinsos"], data=files.pdf(), name="x.pdf"))
    return {**w, "galuh": galuh}


def test_region_admin_sees_the_answers_with_warnings_linked_to_their_page(client, flagged):
    client.force_login(person(Role.REGION_ADMIN, region=flagged["balangan"]))

    response = client.get(QUEUE)

    [row] = _rows(response, "warning-row")
    link = reverse("innovations:report-answers", args=[flagged["galuh"].pk])
    assert f'href="{link}"' in row
    assert _text(row).startswith(
        "Galuh Sanggam · Disdukcapil Balangan 16. Regulasi inovasi daerah · diklaim P3 · Draf "
        "Info scan.pdf: PDF hasil pindaian tanpa lapisan teks"
    )
    assert "Rahasia" not in response.content.decode()
    assert 'data-nav="evidence-warnings" aria-current="page"' in response.content.decode()


def test_filter_by_severity_and_region_level_answers_link_to_the_region_page(client, flagged):
    w = flagged
    old = ["PERATURAN BUPATI BALANGAN", "NOMOR 5 TAHUN 2015", "Disdukcapil Balangan"]
    attach(w["period"], None, "1", upload(w["disdukcapil"], old, name="perbup-lama.pdf"))
    client.force_login(person(Role.VERIFIER, region=w["balangan"]))

    everything = _rows(client.get(QUEUE), "warning-row")
    serious = _rows(client.get(QUEUE, {"tingkat": "high"}), "warning-row")

    assert len(everything) == 2
    [row] = serious
    assert reverse("innovations:region-answers", args=[w["period"].pk]) in row
    assert "perbup-lama.pdf: Perbup tahun 2015, di luar rentang tahun 2023" in _text(row)


def test_other_people_see_nothing_of_the_region_queue(client, flagged):
    w = flagged
    url = f"{QUEUE}?pemda=63.11"

    client.force_login(person(Role.REGION_ADMIN, region=w["bangkalan"]))
    other_region = client.get(url)
    own_region = client.get(QUEUE)
    client.force_login(person(Role.UNIT_OPERATOR, unit=w["disdukcapil"]))
    operator = client.get(QUEUE)
    client.force_login(person(Role.VIEWER, region=w["balangan"]))
    viewer = client.get(QUEUE)
    client.logout()
    anonymous = client.get(QUEUE)

    assert other_region.status_code == 404
    assert "Galuh" not in own_region.content.decode()
    assert [_text(r)[:17] for r in _rows(own_region, "warning-row")] == ["Rahasia Bangkalan"]
    assert (operator.status_code, viewer.status_code) == (403, 403)
    assert anonymous.url.startswith("/akun/login/")


def test_national_admin_chooses_a_region_by_its_code(client, flagged):
    client.force_login(person(Role.NATIONAL_ADMIN))

    chooser = client.get(QUEUE)
    balangan = client.get(QUEUE, {"pemda": "63.11"})

    assert 'data-testid="choose-region"' in chooser.content.decode()
    assert len(_rows(balangan, "warning-row")) == 1


def test_the_period_can_be_chosen_and_a_region_without_periods_says_so(client, flagged):
    w = flagged
    later = Period.objects.create(
        region=w["balangan"], name="IID 2027", rulebook_version=w["version"],
        input_opens=dt.date(2026, 7, 1), input_closes=dt.date(2099, 8, 23),
        verification_closes=dt.date(2099, 9, 30), final_on=dt.date(2099, 12, 1),
    )  # fmt: skip
    client.force_login(person(Role.REGION_ADMIN, region=w["balangan"]))

    chosen = client.get(QUEUE, {"periode": later.pk})

    client.force_login(person(Role.REGION_ADMIN, region=RegionFactory()))
    empty = client.get(QUEUE)

    assert "Tidak ada peringatan pada periode ini." in chosen.content.decode()
    assert "Pemda ini belum punya periode penilaian." in empty.content.decode()


def test_queue_query_count_is_constant(client, flagged, django_assert_num_queries):
    w = flagged
    client.force_login(person(Role.REGION_ADMIN, region=w["balangan"]))
    client.get(QUEUE)  # the rulebook is parsed once per process
    with django_assert_num_queries(10):
        client.get(QUEUE)
    for name in ("Antrean", "Keliling"):
        other = report(w["disdukcapil"], w["period"], name=name)
        attach(w["period"], other, "17", upload(w["disdukcapil"], data=files.pdf(), name="a.pdf"))

    with django_assert_num_queries(10):
        response = client.get(QUEUE)

    assert len(_rows(response, "warning-row")) == 3


def test_queue_is_paginated(client, flagged):
    w = flagged
    scan = upload(w["disdukcapil"], data=files.pdf(), name="scan-2.pdf")
    for code in [str(n) for n in range(17, 36)] + ["1", "2a", "2b", "3", "4", "5a", "5b"]:
        report_ = None if not code.isdigit() or int(code) < 16 else w["galuh"]
        attach(w["period"], report_, code, scan)
    client.force_login(person(Role.REGION_ADMIN, region=w["balangan"]))

    first = client.get(QUEUE)
    second = client.get(QUEUE, {"page": 2})

    assert len(_rows(first, "warning-row")) == 25
    assert len(_rows(second, "warning-row")) == 2
    assert "Halaman 2 dari 2" in second.content.decode()


# --- duplicate innovations ---------------------------------------------------------------------


def test_names_alike_are_found_and_different_ones_are_not():
    names = [
        (1, "Galuh Sanggam"),
        (2, "GALUH SANGAM"),
        (3, "Inovasi Galuh Sanggam"),
        (4, "Sistem Informasi Desa"),
        (5, "Sistem Informasi Kesehatan"),
        (6, "SIGAP (Sistem Gawat Darurat)"),
        (7, "Sigap"),
    ]

    found = similar_names(names)

    assert set(found) == {(1, 2), (1, 3), (2, 3), (6, 7)}
    assert round(name_similarity("Galuh Sanggam", "Galuh Sangam"), 2) == 0.96
    assert round(name_similarity("Sistem Informasi Desa", "Sistem Informasi Kesehatan"), 2) == 0.67


@pytest.fixture
def twins(period_world):
    """Balangan: one innovation registered twice (names alike) and one design copied; Bangkalan:
    an innovation with Balangan's name."""
    w = period_world
    design = design_text(7)
    galuh = report(w["disdukcapil"], w["period"], name="Galuh Sanggam")
    sangam = report(w["dinkes"], w["period"], name="Galuh Sangam")
    gizi = report(w["dinkes"], w["period"], name="Kader Gizi", design=design)
    posyandu = report(w["disdukcapil"], w["period"], name="Posyandu Pintar", design=design)
    bangkalan = report(w["dinsos"], w["other_period"], name="Galuh Sanggam")
    return {**w, "galuh": galuh, "sangam": sangam, "gizi": gizi, "posyandu": posyandu,
            "bangkalan_galuh": bangkalan}  # fmt: skip


def test_region_admin_sees_duplicate_innovations_with_links_to_both(client, twins):
    client.force_login(person(Role.REGION_ADMIN, region=twins["balangan"]))

    rows = _rows(client.get(DUPLICATES), "duplicate-row")

    assert [_text(r) for r in rows] == [
        "rancang bangun 100% Kader Gizi Dinas Kesehatan Balangan · IID 2026 Posyandu Pintar "
        "Disdukcapil Balangan · IID 2026",
        "nama 96% Galuh Sanggam Disdukcapil Balangan · IID 2026 Galuh Sangam Dinas Kesehatan "
        "Balangan · IID 2026",
    ]
    for key in ("galuh", "sangam"):
        assert reverse("innovations:report-edit", args=[twins[key].pk]) in rows[1]
    assert "Bangkalan" not in "".join(rows)


def test_national_admin_sees_pairs_across_regions(client, twins):
    client.force_login(person(Role.NATIONAL_ADMIN))

    everywhere = [_text(r) for r in _rows(client.get(DUPLICATES), "duplicate-row")]
    balangan = _rows(client.get(DUPLICATES, {"pemda": "63.11"}), "duplicate-row")

    assert len(everywhere) == 4  # the Bangkalan name meets both Balangan spellings
    assert sum("Kabupaten Bangkalan" in row for row in everywhere) == 2
    assert len(balangan) == 2


def test_versions_of_one_innovation_over_the_years_are_not_duplicates(client, twins):
    from inovda.innovations.services import register_innovation
    from inovda.innovations.tests.factories import profile

    w = twins
    later = Period.objects.create(
        region=w["balangan"], name="IID 2027", rulebook_version=w["version"],
        input_opens=dt.date(2026, 7, 1), input_closes=dt.date(2099, 8, 23),
        verification_closes=dt.date(2099, 9, 30), final_on=dt.date(2099, 12, 1),
    )  # fmt: skip
    register_innovation(
        actor=None, unit=w["dinkes"], period=later, name="Kader Gizi", previous=w["gizi"],
        **profile(design=w["gizi"].design),
    )  # fmt: skip
    client.force_login(person(Role.REGION_ADMIN, region=w["balangan"]))

    rows = [_text(r) for r in _rows(client.get(DUPLICATES), "duplicate-row")]

    assert len(rows) == 2
    assert "IID 2027" in rows[0]  # the latest report of Kader Gizi stands for it


def test_other_people_cannot_read_the_duplicates(client, twins):
    client.force_login(person(Role.REGION_ADMIN, region=twins["bangkalan"]))
    other_region = client.get(DUPLICATES, {"pemda": "63.11"})
    own = [_text(r) for r in _rows(client.get(DUPLICATES), "duplicate-row")]
    client.force_login(person(Role.UNIT_OPERATOR, unit=twins["disdukcapil"]))
    operator = client.get(DUPLICATES)

    assert other_region.status_code == 404
    assert own == []
    assert operator.status_code == 403


def test_duplicates_query_count_is_constant(client, twins, django_assert_num_queries):
    w = twins
    client.force_login(person(Role.REGION_ADMIN, region=w["balangan"]))
    client.get(DUPLICATES)  # builds the design index once
    with django_assert_num_queries(10):
        client.get(DUPLICATES)
    design = design_text(8)
    for name in ("Bank Sampah", "Bank Sampah Desa"):
        report(w["disdukcapil"], w["period"], name=name, design=design)
    client.get(DUPLICATES)

    with django_assert_num_queries(10):
        response = client.get(DUPLICATES)

    assert len(_rows(response, "duplicate-row")) == 3
