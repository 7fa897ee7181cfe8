"""Uploads in pieces survive a dropped connection: a piece that went missing is asked for again
and the file is stored whole, checked like any other upload."""

import hashlib

import pytest
from django.urls import reverse

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.evidence.models import ChunkedUpload, EvidenceFile
from inovda.evidence.tests import files
from inovda.regions.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def _start(client, unit, name, size):
    response = client.post(
        reverse("evidence:chunked-start", args=[unit.pk]), {"name": name, "size": size}
    )
    is_json = response["Content-Type"] == "application/json"
    return response.status_code, response.json() if is_json else None


def _piece(client, upload_id, offset, data):
    response = client.post(
        reverse("evidence:chunked", args=[upload_id]),
        data,
        content_type="application/octet-stream",
        HTTP_X_UPLOAD_OFFSET=str(offset),
    )
    return response.status_code, response.json()


def test_pieces_resume_after_a_lost_one_and_the_file_is_stored_whole(client):
    unit = UnitFactory()
    client.force_login(person(Role.UNIT_OPERATOR, unit=unit))
    pdf = files.pdf_with_text(files.DECREE) + b"\n" * 300_000  # trailing whitespace keeps it valid
    pieces = [pdf[i : i + 100_000] for i in range(0, len(pdf), 100_000)]

    status, started = _start(client, unit, "SK Galuh Sanggam.pdf", len(pdf))
    first = _piece(client, started["id"], 0, pieces[0])
    # The second piece was lost on the way; the client sends the third and is told where to resume.
    skipped = _piece(client, started["id"], 200_000, pieces[2])
    state = client.get(reverse("evidence:chunked", args=[started["id"]])).json()
    offset = state["received"]
    results = []
    for piece in pieces[1:]:
        results.append(_piece(client, started["id"], offset, piece))
        offset += len(piece)

    assert status == 200 and first == (200, {"received": 100_000, "size": len(pdf), "done": False})
    assert skipped == (409, {"received": 100_000})
    assert results[-1][1]["done"] is True
    evidence = EvidenceFile.objects.get()
    assert evidence.sha256 == hashlib.sha256(pdf).hexdigest()
    assert evidence.doc_number == "188.45/123/2025"


def test_a_bad_file_in_pieces_is_refused_at_the_end_with_the_reason(client):
    unit = UnitFactory()
    client.force_login(person(Role.UNIT_OPERATOR, unit=unit))
    data = files.png()

    _status, started = _start(client, unit, "sk.pdf", len(data))
    status, result = _piece(client, started["id"], 0, data)

    assert status == 400
    assert result["error"].startswith("Isi berkas adalah PNG")
    assert EvidenceFile.objects.count() == 0
    assert ChunkedUpload.objects.count() == 0


def test_someone_elses_upload_cannot_be_continued(client):
    unit = UnitFactory()
    client.force_login(person(Role.UNIT_OPERATOR, unit=unit))
    _status, started = _start(client, unit, "sk.pdf", 1000)
    client.force_login(person(Role.UNIT_OPERATOR, unit=unit))

    status = client.post(
        reverse("evidence:chunked", args=[started["id"]]),
        b"x",
        content_type="application/octet-stream",
        HTTP_X_UPLOAD_OFFSET="0",
    ).status_code

    assert status == 404


def test_start_refuses_other_units_and_bad_sizes(client):
    unit, other = UnitFactory(), UnitFactory()
    client.force_login(person(Role.UNIT_OPERATOR, unit=unit))

    assert _start(client, other, "sk.pdf", 10)[0] == 404
    assert _start(client, unit, "sk.pdf", 0) == (
        400,
        {"error": "Berkas kosong (0 bait). Periksa berkasnya, lalu unggah lagi."},
    )
    assert _start(client, unit, "../sk.pdf", 10)[0] == 400
