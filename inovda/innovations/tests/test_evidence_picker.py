"""Picking evidence under an indicator: the latest files, a search for the rest, and the
tenant rule; a unit with hundreds of files still gets a light page."""

import re
import uuid

import pytest
from django.urls import reverse

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.evidence.models import EvidenceFile
from inovda.innovations.forms import RECENT_EVIDENCE
from inovda.innovations.models import Answer
from inovda.innovations.review_views import SEARCH_LIMIT
from inovda.innovations.tests.factories import report

pytestmark = pytest.mark.django_db


def _files(unit, count, name="bukti-{i}.pdf", **extra):
    """Evidence rows as the upload service leaves them (content is not read by these pages)."""
    return EvidenceFile.objects.bulk_create(
        EvidenceFile(
            region=unit.region,
            unit=unit,
            original_name=name.format(i=i),
            storage_name=f"evidence/{uuid.uuid4().hex}.pdf",
            kind="pdf",
            mime="application/pdf",
            size=1000 + i,
            sha256=uuid.uuid4().hex * 2,
            **extra,
        )
        for i in range(count)
    )


def _checkboxes(html, code):
    return re.findall(rf'name="evidence_{code}" value="(\d+)"', html)


@pytest.fixture
def galuh(world):
    return report(world["disdukcapil"], world["period"])


@pytest.fixture
def operator(world):
    return person(Role.UNIT_OPERATOR, unit=world["disdukcapil"])


def test_a_unit_with_many_files_is_offered_only_its_latest_under_each_row(
    client, world, galuh, operator
):
    _files(world["disdukcapil"], 150)
    client.force_login(operator)

    html = client.get(reverse("innovations:report-answers", args=[galuh.pk])).content.decode()

    offered = _checkboxes(html, "16")
    assert len(offered) == RECENT_EVIDENCE
    assert "bukti-149.pdf" in html and "bukti-0.pdf" not in html
    assert "Ketik untuk mencari berkas lain" in html


def test_the_answers_page_query_count_does_not_grow_with_the_files(client, world, galuh, operator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(operator)
    url = reverse("innovations:report-answers", args=[galuh.pk])
    _files(world["disdukcapil"], 5)
    client.get(url)  # warm caches (rulebook, session)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    _files(world["disdukcapil"], 300, name="lagi-{i}.pdf")
    with CaptureQueriesContext(connection) as large:
        client.get(url)

    assert len(large) == len(small)


def test_search_finds_an_older_file_by_its_number_and_it_is_saved_when_ticked(
    client, world, galuh, operator
):
    (old,) = _files(world["disdukcapil"], 1, name="scan-lama.pdf", doc_number="800/17/DKPS/2024")
    _files(world["disdukcapil"], 40)
    client.force_login(operator)
    search = reverse("innovations:report-evidence-search", args=[galuh.pk, "16"])

    found = client.get(search, {"cari": "800/17"}).content.decode()

    assert _checkboxes(found, "16") == [str(old.pk)]
    client.post(
        reverse("innovations:report-answers", args=[galuh.pk]),
        {"level_16": "3", "evidence_16": [str(old.pk)]},
    )
    answer = Answer.objects.get(report=galuh, row_code="16")
    assert [f.pk for f in answer.evidence.all()] == [old.pk]
    page = client.get(reverse("innovations:report-answers", args=[galuh.pk])).content.decode()
    assert re.search(rf'value="{old.pk}" checked', page)


def test_search_leaves_out_files_already_ticked_and_says_when_there_are_more(
    client, world, galuh, operator
):
    files = _files(world["disdukcapil"], SEARCH_LIMIT + 5)
    client.force_login(operator)
    search = reverse("innovations:report-evidence-search", args=[galuh.pk, "16"])

    html = client.get(search, {"evidence_16": [files[-1].pk]}).content.decode()

    shown = _checkboxes(html, "16")
    assert len(shown) == SEARCH_LIMIT and str(files[-1].pk) not in shown
    assert "Masih ada berkas lain" in html
    nothing = client.get(search, {"cari": "tidak-ada-berkas-ini"}).content.decode()
    assert "Tidak ada berkas yang cocok" in nothing


def test_another_units_file_cannot_be_attached_and_nothing_is_saved(client, world, galuh, operator):
    (foreign,) = _files(world["dinkes"], 1, name="milik-dinkes.pdf")
    client.force_login(operator)

    response = client.post(
        reverse("innovations:report-answers", args=[galuh.pk]),
        {"level_16": "3", "evidence_16": [str(foreign.pk)]},
    )

    assert response.status_code == 200
    assert "Ada berkas bukti yang tidak ditemukan" in response.content.decode()
    assert not Answer.objects.filter(report=galuh).exists()


def test_search_is_closed_to_other_units_regions_and_to_people_who_cannot_fill(
    client, world, galuh
):
    _files(world["disdukcapil"], 3, name="rahasia-{i}.pdf")
    search = reverse("innovations:report-evidence-search", args=[galuh.pk, "16"])
    region_search = reverse("innovations:region-evidence-search", args=[world["period"].pk, "1"])

    assert client.get(search).status_code == 302  # anonymous: to sign-in
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["dinkes"]))
    assert client.get(search).status_code == 404
    assert client.get(region_search).status_code == 403
    client.force_login(person(Role.REGION_ADMIN, region=world["bangkalan"]))
    assert client.get(search).status_code == 404
    assert client.get(region_search).status_code == 404
    client.force_login(person(Role.VERIFIER, region=world["balangan"]))
    assert client.get(search).status_code == 403
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    assert (
        client.get(
            reverse("innovations:report-evidence-search", args=[galuh.pk, "99z"])
        ).status_code
        == 404
    )


def test_the_region_admin_picks_any_units_file_for_a_region_indicator(client, world):
    _files(world["dinkes"], 2, name="perbup-inovasi-{i}.pdf")
    _files(world["dinsos"], 2, name="bangkalan-{i}.pdf")
    client.force_login(person(Role.REGION_ADMIN, region=world["balangan"]))
    region_search = reverse("innovations:region-evidence-search", args=[world["period"].pk, "1"])

    html = client.get(region_search).content.decode()

    assert "perbup-inovasi-1.pdf" in html and "Dinas Kesehatan Balangan" in html
    assert "bangkalan-" not in html


def _region_upload(client, world, **extra):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from inovda.evidence.tests import files

    decree = SimpleUploadedFile(
        "perbup-inovasi-daerah.pdf", files.pdf_with_text(files.DECREE), "application/pdf"
    )
    return client.post(
        reverse("innovations:region-answers", args=[world["period"].pk]),
        {"level_1": "3", "upload_1": decree, **extra},
    )


def test_the_region_admin_uploads_a_region_indicators_file_under_the_unit_that_issued_it(
    client, world
):
    client.force_login(person(Role.REGION_ADMIN, region=world["balangan"]))

    response = _region_upload(client, world, upload_unit=str(world["dinkes"].pk))

    assert response.status_code == 302
    answer = Answer.objects.get(period=world["period"], report=None, row_code="1")
    (stored,) = answer.evidence.all()
    assert stored.original_name == "perbup-inovasi-daerah.pdf"
    assert stored.unit == world["dinkes"]


def test_a_region_upload_without_its_unit_is_refused_with_the_reason_and_nothing_is_saved(
    client, world
):
    client.force_login(person(Role.REGION_ADMIN, region=world["balangan"]))

    missing = _region_upload(client, world).content.decode()
    foreign = _region_upload(client, world, upload_unit=str(world["dinsos"].pk)).content.decode()

    for page in (missing, foreign):
        assert "Pilih dulu unit pemilik berkas baru" in page
    assert not Answer.objects.filter(period=world["period"], report=None).exists()
    assert not EvidenceFile.objects.exists()


def test_a_unit_without_files_is_told_to_upload_once_per_row(client, world, galuh, operator):
    client.force_login(operator)

    html = client.get(reverse("innovations:report-answers", args=[galuh.pk])).content.decode()

    assert html.count("Unit ini belum punya berkas bukti: unggah di bawah.") == 20
    assert "Belum ada bukti dipilih" not in html and "evidence-more" not in html
