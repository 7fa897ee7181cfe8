"""Answer files: the spec's JSON example reads as written; bad files say where and how to fix."""

import json

import pytest

from inovda.scoring import (
    AnswerFileError,
    answers_from_dict,
    answers_to_dict,
    check_answers,
    read_answers,
)
from inovda.scoring.tests.builders import rulebook_2026

SPEC_EXAMPLE = {
    "rulebook": "IID-2026",
    "region": {"1": 3, "2a": 2, "2b": 1, "5a": 2, "5b": 3},
    "innovations": [
        {
            "name": "Galuh Sanggam",
            "affairs": ["administrasi kependudukan dan pencatatan sipil"],
            "answers": {
                "16": 3,
                "17": 2,
                "33": {"level": 3, "basis": "a"},
                "35": {"level": 2, "status": "rejected"},
            },
        }
    ],
}


def test_answers_spec_example_reads_as_written():
    answers = answers_from_dict(SPEC_EXAMPLE)

    assert answers.rulebook == "IID-2026"
    assert answers.region["2a"].level == 2
    galuh = answers.innovations[0]
    assert galuh.name == "Galuh Sanggam"
    assert galuh.answers["33"].basis == "a"
    assert galuh.answers["35"].status == "rejected"
    check_answers(rulebook_2026(), answers)


def test_answers_round_trip_through_json():
    answers = answers_from_dict(SPEC_EXAMPLE)

    assert answers_from_dict(json.loads(json.dumps(answers_to_dict(answers)))) == answers


def test_answers_level_out_of_range_names_the_innovation_and_code():
    data = json.loads(json.dumps(SPEC_EXAMPLE))
    data["innovations"][0]["answers"]["17"] = 7

    with pytest.raises(AnswerFileError) as info:
        answers_from_dict(data, source_name="jawaban.json")

    assert info.value.place == "innovations[0].answers.17"
    assert "bukan 7" in info.value.problem


def test_answers_invalid_json_names_line_and_column(tmp_path):
    path = tmp_path / "jawaban.json"
    path.write_text('{"region": {"1": 3,}}', encoding="utf-8")

    with pytest.raises(AnswerFileError) as info:
        read_answers(path)

    assert str(info.value).startswith("jawaban.json: baris 1, kolom ")


def test_answers_region_code_under_an_innovation_is_refused():
    data = json.loads(json.dumps(SPEC_EXAMPLE))
    data["innovations"][0]["answers"]["2a"] = 1

    with pytest.raises(AnswerFileError) as info:
        check_answers(rulebook_2026(), answers_from_dict(data))

    assert "bukan indikator inovasi (tingkat Pemda)" in info.value.problem


def test_answers_unknown_status_is_refused():
    data = json.loads(json.dumps(SPEC_EXAMPLE))
    data["innovations"][0]["answers"]["16"] = {"level": 3, "status": "ok"}

    with pytest.raises(AnswerFileError) as info:
        answers_from_dict(data)

    assert info.value.place == "innovations[0].answers.16.status"
