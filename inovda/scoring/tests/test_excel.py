"""Excel answer files carry the same content as JSON, for people to fill."""

import io

import pytest
from openpyxl import load_workbook

from inovda.scoring import AnswerFileError, score
from inovda.scoring.excel import answers_template, read_answers_xlsx
from inovda.scoring.tests.builders import rulebook_2026, spec_example
from inovda.scoring.types import Answer


def test_excel_template_lists_every_row_with_its_parameters():
    wb = load_workbook(io.BytesIO(answers_template(rulebook_2026())))

    region = wb["Pemda"]
    assert region["A2"].value == "1"
    assert region.max_row == 21
    assert region["G1"].value == "Tingkat (0-3)"
    assert [c.value for c in wb["Inovasi"][1]][6:9] == ["16", "17", "18"]


def test_excel_round_trip_scores_the_same_as_json():
    rulebook = rulebook_2026()
    answers = spec_example(affair_count=5)

    again = read_answers_xlsx(io.BytesIO(answers_template(rulebook, answers)), source_name="x.xlsx")

    assert again.rulebook == "IID-2026"
    assert score(rulebook, again).iid == score(rulebook, answers).iid
    assert again.innovations[4].affairs == answers.innovations[4].affairs


def test_excel_rejected_answer_is_written_and_read_as_ditolak():
    rulebook = rulebook_2026()
    answers = spec_example(affair_count=5)
    region = {**answers.region, "1": Answer(3, status="rejected")}
    answers = answers.__class__(answers.rulebook, region, answers.innovations)

    again = read_answers_xlsx(io.BytesIO(answers_template(rulebook, answers)))

    assert again.region["1"] == Answer(3, status="rejected")


def test_excel_bad_cell_names_sheet_and_cell():
    wb = load_workbook(io.BytesIO(answers_template(rulebook_2026(), spec_example(5))))
    wb["Inovasi"]["H3"] = "tiga"
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)

    with pytest.raises(AnswerFileError) as info:
        read_answers_xlsx(buffer, source_name="jawaban.xlsx")

    assert info.value.place == "Inovasi!H3"
    assert "'tiga' bukan tingkat" in str(info.value)


def test_excel_not_a_workbook_is_refused_clearly():
    with pytest.raises(AnswerFileError) as info:
        read_answers_xlsx(io.BytesIO(b"bukan excel"), source_name="x.xlsx")

    assert "bukan buku kerja Excel" in info.value.problem
