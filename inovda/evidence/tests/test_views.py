"""Evidence pages: the unit's operator uploads, the region reads, nobody else sees a thing."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.core.models import AuditEvent
from inovda.evidence.models import EvidenceFile
from inovda.evidence.tests import files
from inovda.regions.tests.factories import RegionFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    balangan = RegionFactory(code="63.11", name="Kabupaten Balangan")
    bangkalan = RegionFactory(code="35.26", name="Kabupaten Bangkalan")
    disdukcapil = UnitFactory(region=balangan, name="Disdukcapil Balangan")
    dinkes = UnitFactory(region=balangan, name="Dinas Kesehatan Balangan")
    dinsos = UnitFactory(region=bangkalan, name="Dinas Sosial Bangkalan")
    return {
        "balangan": balangan,
        "disdukcapil": disdukcapil,
        "dinkes": dinkes,
        "dinsos": dinsos,
        "operator": person(Role.UNIT_OPERATOR, unit=disdukcapil),
        "other_operator": person(Role.UNIT_OPERATOR, unit=dinkes),
        "bangkalan_operator": person(Role.UNIT_OPERATOR, unit=dinsos),
    }


def _upload(client, unit, data, name):
    return client.post(
        reverse("evidence:unit-evidence", args=[unit.pk]), {"file": SimpleUploadedFile(name, data)}
    )


def test_operator_uploads_and_downloads_as_attachment(client, world):
    client.force_login(world["operator"])
    pdf = files.pdf()

    response = _upload(client, world["disdukcapil"], pdf, "SK Galuh Sanggam.pdf")

    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    assert evidence.original_name == "SK Galuh Sanggam.pdf"
    assert evidence.storage_name.startswith("bukti/63.11/")
    assert "Galuh" not in evidence.storage_name  # stored under a random name
    assert default_storage.open(evidence.storage_name).read() == pdf
    download = client.get(reverse("evidence:download", args=[evidence.pk]))
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == pdf
    assert AuditEvent.objects.filter(action="evidence.upload").count() == 1


def test_rejected_upload_shows_the_reason_and_stores_nothing(client, world):
    client.force_login(world["operator"])

    response = _upload(client, world["disdukcapil"], files.png(), "sk-bupati.pdf")

    assert "Isi berkas adalah PNG, tetapi namanya berakhiran .pdf" in response.content.decode()
    assert EvidenceFile.objects.count() == 0


def test_other_unit_operator_sees_nothing_of_another_unit(client, world):
    client.force_login(world["operator"])
    _upload(client, world["disdukcapil"], files.pdf(), "rahasia.pdf")
    evidence = EvidenceFile.objects.get()
    client.force_login(world["other_operator"])

    page = client.get(reverse("evidence:unit-evidence", args=[world["disdukcapil"].pk]))
    download = client.get(reverse("evidence:download", args=[evidence.pk]))
    upload = _upload(client, world["disdukcapil"], files.pdf(), "x.pdf")

    assert (page.status_code, download.status_code, upload.status_code) == (404, 404, 404)
    assert EvidenceFile.objects.count() == 1


def test_other_region_sees_nothing(client, world):
    client.force_login(world["operator"])
    _upload(client, world["disdukcapil"], files.pdf(), "rahasia.pdf")
    evidence = EvidenceFile.objects.get()
    client.force_login(person(Role.REGION_ADMIN, region=RegionFactory(code="35.27")))

    assert client.get(reverse("evidence:download", args=[evidence.pk])).status_code == 404


def test_verifier_reads_but_cannot_upload_or_delete(client, world):
    client.force_login(world["operator"])
    _upload(client, world["disdukcapil"], files.pdf(), "sk.pdf")
    evidence = EvidenceFile.objects.get()
    client.force_login(person(Role.VERIFIER, region=world["balangan"]))

    page = client.get(reverse("evidence:unit-evidence", args=[world["disdukcapil"].pk]))
    upload = _upload(client, world["disdukcapil"], files.pdf(), "x.pdf")
    delete = client.post(reverse("evidence:delete", args=[evidence.pk]))

    assert "sk.pdf" in page.content.decode()
    assert (upload.status_code, delete.status_code) == (403, 403)
    assert EvidenceFile.objects.count() == 1


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(reverse("evidence:unit-evidence", args=[world["disdukcapil"].pk]))

    assert response.url.startswith("/akun/login/")


def test_delete_asks_then_removes_file_and_row(client, world, django_capture_on_commit_callbacks):
    client.force_login(world["operator"])
    _upload(client, world["disdukcapil"], files.pdf(), "salah.pdf")
    evidence = EvidenceFile.objects.get()
    url = reverse("evidence:delete", args=[evidence.pk])

    confirm = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)

    assert "Hapus bukti dukung?" in confirm.content.decode()
    assert EvidenceFile.objects.count() == 0
    assert not default_storage.exists(evidence.storage_name)


def test_evidence_list_query_count_is_constant(client, world, django_assert_num_queries):
    client.force_login(world["operator"])
    _upload(client, world["disdukcapil"], files.pdf(), "a.pdf")
    url = reverse("evidence:unit-evidence", args=[world["disdukcapil"].pk])
    with django_assert_num_queries(10):
        client.get(url)
    _upload(client, world["disdukcapil"], files.pdf(2), "b.pdf")
    _upload(client, world["disdukcapil"], files.png(), "c.png")

    with django_assert_num_queries(10):
        client.get(url)
