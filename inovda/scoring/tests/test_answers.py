"""Answer files: the spec's JSON example reads as written; bad files say where and how to fix."""

import datetime as dt
import importlib.util
import json

import pytest

from inovda.scoring import (
    AnswerFileError,
    answers_from_dict,
    answers_to_dict,
    check_answers,
    read_answers,
    write_answers,
)
from inovda.scoring.tests.builders import small_rulebook
from inovda.scoring.types import Answer, AnswerSet, Evidence, InnovationAnswers

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

# For the small rulebook: region rows 1, 2; innovation rows 16, 17, 18 (bases a, b).
SMALL = {
    "rulebook": "UJI-1",
    "region_name": "Kabupaten Uji",
    "region": {"1": 3, "2": {"level": 1, "status": "accepted"}},
    "innovations": [
        {"name": "Pasar Daring", "affairs": ["kesehatan"], "answers": {"16": 1}},
        {
            "name": "Galuh Sanggam",
            "unit": "Dinas Kependudukan",
            "affairs": ["sosial", "pendidikan"],
            "implemented_on": "2024-03-01",
            "developed_on": "2025-02-01",
            "design_words": 320,
            "answers": {
                "16": 3,
                "17": {"level": 2, "status": "pending"},
                "18": {
                    "level": 3,
                    "basis": "b",
                    "evidence": [
                        {"kind": "laporan", "dated": "2025-01-31", "file_name": "monev.pdf"}
                    ],
                },
            },
        },
    ],
}


def _small(**changes):
    data = json.loads(json.dumps(SMALL))
    data.update(changes)
    return data


def _error(data) -> AnswerFileError:
    with pytest.raises(AnswerFileError) as info:
        answers_from_dict(data, source_name="jawaban.json")
    return info.value


def _check_error(answers) -> AnswerFileError:
    with pytest.raises(AnswerFileError) as info:
        check_answers(small_rulebook(), answers, source_name="jawaban.json")
    return info.value


def test_answers_spec_example_reads_as_written():
    answers = answers_from_dict(SPEC_EXAMPLE)

    assert answers.rulebook == "IID-2026"
    assert answers.region["2a"] == Answer(level=2)
    galuh = answers.innovations[0]
    assert galuh.name == "Galuh Sanggam"
    assert galuh.affairs == ("administrasi kependudukan dan pencatatan sipil",)
    assert galuh.answers["33"] == Answer(level=3, basis="a")
    assert galuh.answers["35"] == Answer(level=2, status="rejected")


def test_answers_extended_fields_read_as_written():
    answers = answers_from_dict(SMALL)

    galuh = answers.innovations[1]
    assert answers.region_name == "Kabupaten Uji"
    assert answers.region["2"] == Answer(level=1, status="accepted")
    assert galuh.unit == "Dinas Kependudukan"
    assert (galuh.implemented_on, galuh.developed_on) == (dt.date(2024, 3, 1), dt.date(2025, 2, 1))
    assert galuh.design_words == 320
    assert galuh.answers["18"] == Answer(
        level=3,
        basis="b",
        evidence=(Evidence(kind="laporan", dated=dt.date(2025, 1, 31), file_name="monev.pdf"),),
    )
    check_answers(small_rulebook(), answers)


def test_answers_round_trip_through_plain_data_and_json_file(tmp_path):
    answers = answers_from_dict(SMALL)
    path = tmp_path / "jawaban.json"

    write_answers(answers, path)

    assert answers_from_dict(answers_to_dict(answers)) == answers
    assert read_answers(path) == answers


def test_answers_affairs_may_be_one_text_separated_by_semicolons():
    answers = answers_from_dict(
        {"innovations": [{"name": "A", "affairs": "kesehatan; sosial;", "answers": {}}]}
    )

    assert answers.innovations[0].affairs == ("kesehatan", "sosial")
    assert answers.rulebook is None


def test_answers_level_out_of_range_names_the_innovation_by_number_and_name():
    data = _small()
    data["innovations"][1]["answers"]["17"] = 7

    error = _error(data)

    assert str(error) == (
        "jawaban.json: jawaban '17' pada inovasi #2 'Galuh Sanggam': tingkat harus 0-3, bukan 7. "
        "Gunakan 0 jika belum dijawab."
    )


def test_answers_region_level_out_of_range_names_the_region_row():
    error = _error(_small(region={"2": {"level": "tiga"}}))

    assert str(error) == (
        "jawaban.json: jawaban Pemda '2': tingkat harus 0-3, bukan 'tiga'. "
        "Gunakan 0 jika belum dijawab."
    )


@pytest.mark.parametrize(
    ("change", "place", "problem"),
    [
        (
            lambda d: d["innovations"][1]["answers"].update({"16": {"level": 3, "status": "ok"}}),
            "jawaban '16' pada inovasi #2 'Galuh Sanggam'",
            "status 'ok' tidak dikenal",
        ),
        (
            lambda d: d["innovations"][0]["answers"].update({"17": {"status": "accepted"}}),
            "jawaban '17' pada inovasi #1 'Pasar Daring'",
            "jawaban tanpa 'level'",
        ),
        (
            lambda d: d["innovations"][0].pop("name"),
            "inovasi #1",
            "inovasi tanpa nama",
        ),
        (
            lambda d: d["innovations"][1].update({"implemented_on": "1 Maret 2024"}),
            "inovasi #2 'Galuh Sanggam', implemented_on",
            "'1 Maret 2024' bukan tanggal",
        ),
        (
            lambda d: d["innovations"][1].update({"design_words": "banyak"}),
            "inovasi #2 'Galuh Sanggam', design_words",
            "jumlah kata rancang bangun harus bilangan bulat ≥ 0, bukan 'banyak'",
        ),
        (
            lambda d: d["innovations"][0].update({"answers": [1, 2]}),
            "inovasi #1 'Pasar Daring', answers",
            "jawaban harus berupa peta kode -> tingkat, bukan list",
        ),
        (
            lambda d: d["innovations"][0].update({"affairs": 7}),
            "inovasi #1 'Pasar Daring', affairs",
            "urusan (affairs) harus berupa daftar nama urusan",
        ),
        (
            lambda d: d.update({"innovations": {"name": "A"}}),
            "innovations",
            "harus berupa daftar inovasi",
        ),
        (
            lambda d: d["innovations"][1]["answers"]["18"].update({"evidence": "monev.pdf"}),
            "jawaban '18' pada inovasi #2 'Galuh Sanggam'",
            "bukti (evidence) harus berupa daftar",
        ),
    ],
)
def test_answers_malformed_parts_say_where(change, place, problem):
    data = _small()
    change(data)

    error = _error(data)

    assert (error.source_name, error.place, error.problem) == ("jawaban.json", place, problem)
    assert error.fix


def test_answers_invalid_json_names_line_and_column(tmp_path):
    path = tmp_path / "jawaban.json"
    path.write_text('{"region": {"1": 3,}}', encoding="utf-8")

    with pytest.raises(AnswerFileError) as info:
        read_answers(path)

    assert str(info.value) == (
        "jawaban.json: baris 1, kolom 20: JSON tidak sah (Expecting property name enclosed in "
        "double quotes). Periksa tanda kutip, koma dan kurung di sekitar tempat itu."
    )


def test_answers_missing_file_says_so(tmp_path):
    with pytest.raises(AnswerFileError) as info:
        read_answers(tmp_path / "hilang.json")

    assert str(info.value) == (
        "hilang.json: berkas tidak dapat dibuka (No such file or directory). Periksa jalurnya."
    )


def test_answers_file_that_is_not_an_object_is_refused(tmp_path):
    path = tmp_path / "daftar.json"
    path.write_text("[1, 2]", encoding="utf-8")

    with pytest.raises(AnswerFileError) as info:
        read_answers(path)

    assert info.value.problem == "isi berkas bukan objek jawaban"


def test_check_answers_refuses_a_region_code_under_an_innovation():
    data = _small()
    data["innovations"][1]["answers"]["2"] = 1

    error = _check_error(answers_from_dict(data))

    assert str(error) == (
        "jawaban.json: jawaban '2' pada inovasi #2 'Galuh Sanggam': '2' bukan indikator inovasi "
        "(ini indikator Pemda). Indikator inovasi UJI-1: 16, 17, 18."
    )


def test_check_answers_refuses_an_innovation_code_at_region_level():
    error = _check_error(answers_from_dict(_small(region={"17": 2})))

    assert str(error) == (
        "jawaban.json: jawaban Pemda '17': '17' bukan indikator Pemda (ini indikator per inovasi). "
        "Indikator Pemda UJI-1: 1, 2."
    )


def test_check_answers_refuses_an_unknown_code():
    data = _small()
    data["innovations"][0]["answers"]["99"] = 1

    error = _check_error(answers_from_dict(data))

    assert error.place == "jawaban '99' pada inovasi #1 'Pasar Daring'"
    assert error.problem == "'99' bukan indikator inovasi (tidak ada di buku aturan ini)"


def test_check_answers_refuses_a_basis_the_row_does_not_offer():
    data = _small()
    data["innovations"][1]["answers"]["18"] = {"level": 2, "basis": "f"}

    error = _check_error(answers_from_dict(data))

    assert str(error) == (
        "jawaban.json: jawaban '18' pada inovasi #2 'Galuh Sanggam': basis 'f' tidak ada pada "
        "indikator 18. Basis yang tersedia: a, b."
    )


def test_check_answers_refuses_a_basis_on_a_row_without_bases():
    data = _small()
    data["innovations"][0]["answers"]["16"] = {"level": 2, "basis": "a"}

    error = _check_error(answers_from_dict(data))

    assert str(error) == (
        "jawaban.json: jawaban '16' pada inovasi #1 'Pasar Daring': basis 'a' tidak ada pada "
        "indikator 16. Hapus basis dari jawaban ini."
    )


def test_check_answers_catches_levels_and_statuses_of_answers_built_in_code():
    bad_level = AnswerSet(
        rulebook="UJI-1",
        innovations=(InnovationAnswers(name="Pasar Daring", answers={"16": Answer(level=4)}),),
    )
    bad_status = AnswerSet(rulebook="UJI-1", region={"1": Answer(level=1, status="ok")})

    assert str(_check_error(bad_level)) == (
        "jawaban.json: jawaban '16' pada inovasi #1 'Pasar Daring': tingkat harus 0-3, bukan 4. "
        "Gunakan 0 jika belum dijawab."
    )
    assert _check_error(bad_status).problem == "status 'ok' tidak dikenal"


@pytest.mark.skipif(
    importlib.util.find_spec("inovda.scoring.excel") is None, reason="excel.py belum ada"
)
def test_answers_xlsx_round_trip_through_the_excel_module(tmp_path):
    answers = answers_from_dict(SMALL)
    path = tmp_path / "jawaban.xlsx"

    write_answers(answers, path, small_rulebook())
    again = read_answers(path)

    assert again.region == answers.region
    assert [i.name for i in again.innovations] == ["Pasar Daring", "Galuh Sanggam"]
    assert again.innovations[1].answers["16"].level == 3
