"""Pre-checks warn, never block: scans, reused files, and the decree's own facts."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.evidence.models import EvidenceFile
from inovda.evidence.prechecks import pdf_text, read_facts
from inovda.evidence.tests import files
from inovda.regions.tests.factories import RegionFactory, UnitFactory


def test_facts_are_read_from_a_decree_text_layer():
    facts = read_facts(pdf_text(io.BytesIO(files.pdf_with_text(files.DECREE))))

    assert facts.has_text is True
    assert facts.number == "188.45/123/2025"
    assert facts.date == dt.date(2025, 3, 12)
    assert facts.subject == "PENETAPAN INOVASI DAERAH GALUH SANGGAM"
    assert facts.signer == "BUPATI BALANGAN — ABDUL HADI"


def test_a_blank_scan_has_no_text_layer():
    assert read_facts(pdf_text(io.BytesIO(files.pdf()))).has_text is False


@pytest.mark.django_db
def test_upload_page_shows_facts_and_warnings_without_blocking(client):
    region = RegionFactory(code="63.11")
    disdukcapil, dinkes = UnitFactory(region=region), UnitFactory(region=region)
    client.force_login(person(Role.REGION_ADMIN, region=region))
    decree = files.pdf_with_text(files.DECREE)

    for unit, name, data in [
        (disdukcapil, "sk.pdf", decree),
        (dinkes, "sk-lagi.pdf", decree),
        (disdukcapil, "pindaian.pdf", files.pdf()),
    ]:
        client.post(
            reverse("evidence:unit-evidence", args=[unit.pk]),
            {"file": SimpleUploadedFile(name, data)},
        )
    page = client.get(reverse("evidence:unit-evidence", args=[disdukcapil.pk])).content.decode()

    assert EvidenceFile.objects.count() == 3
    assert "Nomor 188.45/123/2025 · 12 Maret 2025" in page
    assert "Berkas yang sama juga diunggah di tempat lain di Pemda ini" in page
    assert "PDF hasil pindaian tanpa lapisan teks" in page


@pytest.mark.django_db
def test_operator_confirms_or_corrects_the_facts(client):
    unit = UnitFactory()
    client.force_login(person(Role.UNIT_OPERATOR, unit=unit))
    client.post(
        reverse("evidence:unit-evidence", args=[unit.pk]),
        {"file": SimpleUploadedFile("pindaian.pdf", files.pdf())},
    )
    evidence = EvidenceFile.objects.get()

    client.post(
        reverse("evidence:facts", args=[evidence.pk]),
        {
            "doc_number": "800/45/2025",
            "doc_date": "2025-01-06",
            "doc_subject": "Tim inovasi",
            "doc_signer": "Kepala Dinas",
        },
    )

    evidence.refresh_from_db()
    assert (evidence.doc_number, evidence.doc_date, evidence.facts_confirmed) == (
        "800/45/2025",
        dt.date(2025, 1, 6),
        True,
    )


@pytest.mark.django_db
def test_a_pdf_that_does_not_name_the_unit_gets_a_warning(client):
    region = RegionFactory(code="63.11")
    disdukcapil = UnitFactory(
        region=region, name="Dinas Kependudukan dan Pencatatan Sipil", short_name="Disdukcapil"
    )
    client.force_login(person(Role.UNIT_OPERATOR, unit=disdukcapil))
    naming = files.pdf_with_text([*files.DECREE, "Pelaksana: Disdukcapil Kabupaten Balangan"])

    for name, data in [("sk.pdf", files.pdf_with_text(files.DECREE)), ("sk2.pdf", naming)]:
        client.post(
            reverse("evidence:unit-evidence", args=[disdukcapil.pk]),
            {"file": SimpleUploadedFile(name, data)},
        )

    by_name = {e.original_name: e.mentions_unit for e in EvidenceFile.objects.all()}
    assert by_name == {"sk.pdf": False, "sk2.pdf": True}
    page = client.get(reverse("evidence:unit-evidence", args=[disdukcapil.pk])).content.decode()
    assert page.count("Teks PDF tidak menyebut nama unit ini") == 1


@pytest.mark.django_db
def test_a_large_pdf_can_be_downloaded_shrunk_and_the_original_stays(client):
    from pypdf import PdfReader

    unit = UnitFactory()
    client.force_login(person(Role.UNIT_OPERATOR, unit=unit))
    big = files.pdf_with_text(files.DECREE * 4000)  # long uncompressed text stream, ~2.5 MB
    client.post(
        reverse("evidence:unit-evidence", args=[unit.pk]),
        {"file": SimpleUploadedFile("sk-besar.pdf", big)},
    )
    evidence = EvidenceFile.objects.get()

    response = client.get(reverse("evidence:download-small", args=[evidence.pk]))
    small = b"".join(response.streaming_content)

    assert response["Content-Disposition"].startswith('attachment; filename="sk-besar-ringkas.pdf"')
    assert len(small) < len(big) / 5
    assert "188.45/123/2025" in PdfReader(io.BytesIO(small)).pages[0].extract_text()
    evidence.refresh_from_db()
    assert evidence.size == len(big)
