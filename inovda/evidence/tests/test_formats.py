"""Office documents prove an indicator only where the rulebook's text for that row names them;
the bundled rulebooks name them nowhere, so they stay refused, with a reason and a way out."""

import pytest
from django.urls import reverse

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.evidence.tests import files
from inovda.evidence.tests.helpers import attach, upload
from inovda.evidence.warnings import HIGH, warnings_for_answers
from inovda.innovations.models import Answer, Period
from inovda.innovations.services import ReportProblem
from inovda.innovations.tests.factories import OPEN_SCHEDULE, report
from inovda.methodology.models import Rulebook
from inovda.methodology.services import clone_rulebook, current_version, save_rulebook_version

pytestmark = pytest.mark.django_db

REFUSAL = (
    "laporan.docx adalah dokumen Word: IID-2026 tidak menyebut dokumen Office untuk indikator "
    "16, dan portal nasional menerima PDF atau gambar. Simpan dokumennya sebagai PDF "
    "(File \u203a Save As \u203a PDF), unggah, lalu pilih PDF-nya."
)


def test_an_office_document_is_refused_on_the_answers_page_and_nothing_is_saved(
    client, period_world
):
    w = period_world
    galuh = report(w["disdukcapil"], w["period"])
    docx = upload(w["disdukcapil"], data=files.docx(), name="laporan.docx")
    pdf = upload(w["disdukcapil"], files.DECREE)
    client.force_login(person(Role.UNIT_OPERATOR, unit=w["disdukcapil"]))

    response = client.post(
        reverse("innovations:report-answers", args=[galuh.pk]),
        {"level_16": "3", "evidence_16": [pdf.pk, docx.pk]},
    )

    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert not Answer.objects.exists()


def test_a_pdf_and_an_image_are_accepted_for_the_same_row(period_world):
    w = period_world
    galuh = report(w["disdukcapil"], w["period"])
    photo = upload(w["disdukcapil"], data=files.png(), name="foto.png")

    answer = attach(w["period"], galuh, "16", upload(w["disdukcapil"]), photo)

    assert sorted(f.kind for f in answer.evidence.all()) == ["pdf", "png"]


def test_a_row_whose_rulebook_text_names_office_documents_accepts_them(period_world):
    w = period_world
    clone = clone_rulebook(
        Rulebook.objects.get(name="IID-2026"), actor=None, region=w["balangan"],
        name="IID-2026-BALANGAN", year=2026, title="IID 2026 Balangan",
    )  # fmt: skip
    data = dict(current_version(clone).data)
    data["rows"] = [
        {**row, "description": row["description"] + " Boleh berupa dokumen Office (docx)."}
        if row["code"] == "16"
        else row
        for row in data["rows"]
    ]
    version = save_rulebook_version(clone, actor=None, data=data, note="docx untuk 16")
    period = Period.objects.create(
        region=w["balangan"], name="IID 2026 Balangan", rulebook_version=version, **OPEN_SCHEDULE
    )
    galuh = report(w["disdukcapil"], period)
    docx = upload(w["disdukcapil"], data=files.docx(), name="laporan.docx")

    answer = attach(period, galuh, "16", docx)

    assert [f.kind for f in answer.evidence.all()] == ["docx"]
    with pytest.raises(ReportProblem) as refused:
        attach(period, galuh, "17", docx)
    assert "untuk indikator 17" in str(refused.value)


def test_attaching_from_the_file_side_is_refused_too(period_world):
    w = period_world
    galuh = report(w["disdukcapil"], w["period"])
    answer = attach(w["period"], galuh, "16", upload(w["disdukcapil"]))
    docx = upload(w["disdukcapil"], data=files.docx(), name="laporan.docx")

    with pytest.raises(ReportProblem) as refused:
        docx.answers.add(answer)

    assert str(refused.value) == REFUSAL


def test_an_office_document_attached_before_the_rule_shows_a_warning(period_world):
    w = period_world
    galuh = report(w["disdukcapil"], w["period"])
    named = [*files.DECREE, "Pelaksana: Disdukcapil Balangan"]
    answer = attach(w["period"], galuh, "16", upload(w["disdukcapil"], named))
    docx = upload(w["disdukcapil"], data=files.docx(), name="laporan.docx")
    # As an older release stored it: straight into the link table, no check.
    Answer.evidence.through.objects.create(answer=answer, evidencefile=docx)

    found = warnings_for_answers([answer])[answer.pk]

    assert [(x.code, x.severity, x.message) for x in found] == [("office", HIGH, REFUSAL)]
