"""The bundled rulebooks hold what the spec says, with its doubts, and nothing more.

These tests read the YAML files shipped in `inovda/scoring/rulebooks/` (not a builder) and check
them against the facts of `shared/spec/`: row counts, the letter's own totals (63 / 111 / 76 /
250), the constants of each year, and that every doubt of the spec is flagged `unsure`.
"""

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
import yaml

from inovda.scoring import (
    RULEBOOK_SCHEMA_PATH,
    IncompleteRulebookError,
    bundled_rulebooks,
    load_rulebook,
)
from inovda.scoring.engine import score
from inovda.scoring.types import CONSTANT_NAMES, Answer, AnswerSet, InnovationAnswers

RULEBOOK_DIR = Path(__file__).resolve().parent.parent / "rulebooks"
YAML_FILES = sorted(RULEBOOK_DIR.glob("*.yaml"))

EVIDENCE_KINDS = {
    "perda", "perkada", "sk_kepala_daerah", "sk_kepala_perangkat_daerah", "surat_tugas",
    "dokumen_perencanaan", "dokumen_anggaran", "laporan", "data_statistik", "lhp_bpk",
    "sertifikat", "daftar_hadir", "screenshot", "foto", "tautan_video", "dokumen_lain",
}  # fmt: skip

SPD_CODES_2026 = [
    "1", "2a", "2b", "3", "4", "5a", "5b", "6", "7", "8",
    "9", "10a", "10b", "11a", "11b", "12", "13a", "13b", "14", "15",
]  # fmt: skip
SID_CODES = [str(n) for n in range(16, 36)]

BASIC_SERVICE_AFFAIRS = (
    "pendidikan",
    "kesehatan",
    "pekerjaan umum dan penataan ruang",
    "perumahan rakyat dan kawasan permukiman",
    "ketenteraman, ketertiban umum, dan pelindungan masyarakat",
    "sosial",
)


def _rulebook(file_name: str):
    return load_rulebook(RULEBOOK_DIR / file_name)


def _all_parameters(rulebook):
    for row in rulebook.rows:
        yield row.code, row.parameters
        for basis in row.bases:
            yield f"{row.code}{basis.code}", basis.parameters


def test_bundled_files_are_the_three_rulebooks():
    assert [p.name for p in YAML_FILES] == ["iid-2023.yaml", "iid-2026.yaml", "iid-2027-draft.yaml"]
    assert {name: path.name for name, path in bundled_rulebooks().items()} == {
        "IID-2023": "iid-2023.yaml",
        "IID-2026": "iid-2026.yaml",
        "IID-2027-DRAFT": "iid-2027-draft.yaml",
    }


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.name)
def test_yaml_file_is_valid_against_the_json_schema(path):
    schema = json.loads(RULEBOOK_SCHEMA_PATH.read_text(encoding="utf-8"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML reads unquoted dates as date objects; the schema describes the JSON form.
    data = json.loads(json.dumps(data, default=str))

    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]

    assert errors == []


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.name)
def test_every_row_has_three_parameters_a_source_and_known_evidence(path):
    rulebook = load_rulebook(path)

    for code, parameters in _all_parameters(rulebook):
        assert [p.level for p in parameters] == [1, 2, 3], code
        assert all(p.text.strip() for p in parameters), code
        assert all(p.evidence for p in parameters), code
        assert {kind for p in parameters for kind in p.evidence} <= EVIDENCE_KINDS, code
    for row in rulebook.rows:
        assert row.source is not None and row.source.ref.strip(), row.code
        assert row.description.strip(), row.code
        assert row.source.unsure is False or row.source.note.strip(), row.code


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.name)
def test_every_constant_and_band_set_says_where_it_comes_from(path):
    rulebook = load_rulebook(path)

    assert set(rulebook.constants.sources) == set(CONSTANT_NAMES)
    assert all(s.ref.strip() for s in rulebook.constants.sources.values())
    assert all(s.ref.strip() for s in rulebook.eligibility.sources.values())
    assert rulebook.bands_source is not None and rulebook.bands_source.ref.strip()
    assert rulebook.constants.basic_service_affairs == BASIC_SERVICE_AFFAIRS


def test_2026_has_the_letters_rows_and_totals():
    rulebook = _rulebook("iid-2026.yaml")
    constants = rulebook.constants

    spd_max = sum(r.max_points for r in rulebook.spd_rows)
    sid_max = sum(r.max_points for r in rulebook.sid_rows)
    count_max = constants.count_score_cap * constants.count_score_per_innovation

    assert (rulebook.name, rulebook.status, rulebook.version) == ("IID-2026", "final", "2026.1")
    assert [r.code for r in rulebook.spd_rows] == SPD_CODES_2026
    assert [r.code for r in rulebook.sid_rows] == SID_CODES
    assert sum(r.weight for r in rulebook.spd_rows) == 21
    assert sum(r.weight for r in rulebook.sid_rows) == 37
    assert (spd_max, sid_max, count_max) == (63, 111, 76)
    assert spd_max + sid_max + count_max == constants.max_total == 250


def test_2026_constants_bands_and_window():
    rulebook = _rulebook("iid-2026.yaml")
    constants = rulebook.constants

    assert constants.missing() == ()
    assert constants.divisor_floor == 12
    assert constants.count_score_per_innovation == Decimal("0.38")
    assert constants.count_score_cap == 200
    assert constants.basic_service_min == 5
    assert [(b.predicate, str(b.lower), str(b.upper)) for b in rulebook.bands] == [
        ("sangat_inovatif", "65.01", "100.00"),
        ("inovatif", "40.01", "65.00"),
        ("kurang_inovatif", "0.01", "40.00"),
        ("tidak_dapat_dinilai", "0.00", "0.00"),
    ]
    assert str(rulebook.eligibility.window_start) == "2024-01-01"
    assert str(rulebook.eligibility.window_end) == "2025-12-31"
    assert rulebook.eligibility.design_min_words == 300


def test_2026_doubts_of_the_spec_are_flagged_and_nothing_else():
    rulebook = _rulebook("iid-2026.yaml")
    sources = rulebook.constants.sources

    unsure_rows = {r.code for r in rulebook.rows if r.source.unsure}

    # Overlapping thresholds (4, 5a, 5b, 10b, 11a) and the video's unknown five elements (35).
    assert unsure_rows == {"4", "5a", "5b", "10b", "11a", "35"}
    assert "5,23" in rulebook.row("4").source.note
    assert "0,36" in rulebook.row("5a").source.note
    assert sources["divisor_floor"].unsure is True
    assert "14" in sources["divisor_floor"].note
    assert [n for n, s in sources.items() if s.unsure] == ["divisor_floor"]


def test_2026_mandatory_marks_and_key_evidence():
    rulebook = _rulebook("iid-2026.yaml")

    def evidence(code, level):
        return set(rulebook.row(code).parameters[level - 1].evidence)

    assert {r.code for r in rulebook.sid_rows if r.mandatory} == {"16", "17", "32", "33", "35"}
    assert {r.code for r in rulebook.spd_rows if not r.mandatory} == {
        "2a", "2b", "12", "13a", "13b", "14", "15",
    }  # fmt: skip
    assert evidence("16", 1) == {"sk_kepala_daerah", "sk_kepala_perangkat_daerah"}
    assert evidence("16", 2) == {"perkada"}
    assert evidence("16", 3) == {"perda"}
    assert evidence("18", 3) == {"dokumen_anggaran"}
    assert evidence("21", 1) == {"dokumen_perencanaan"}
    assert evidence("8", 3) == {"lhp_bpk"}
    assert evidence("9", 3) == {"laporan"}
    assert evidence("35", 3) == {"tautan_video"}
    for code in ("3", "4", "5a", "5b", "6", "7", "10a", "10b", "11a", "11b"):
        assert evidence(code, 2) == {"data_statistik"}, code


def test_2026_row_33_has_six_bases_with_their_own_thresholds():
    row = _rulebook("iid-2026.yaml").row("33")

    assert [b.code for b in row.bases] == ["a", "b", "c", "d", "e", "f"]
    assert [p.text for p in row.bases[0].parameters] == ["1-200", "201-500", "501 atau lebih"]
    assert row.bases[3].parameters[2].text == "≥ 20%"


def test_2023_is_partial_and_names_its_missing_constants():
    rulebook = _rulebook("iid-2023.yaml")
    sources = rulebook.constants.sources

    assert (rulebook.status, rulebook.version) == ("partial", "2023.1")
    assert rulebook.constants.divisor_floor == 10
    assert sources["divisor_floor"].unsure is False
    assert rulebook.constants.missing() == (
        "count_score_per_innovation",
        "count_score_cap",
        "basic_service_min",
        "max_total",
    )
    for name in rulebook.constants.missing():
        assert sources[name].ref.startswith("gap:"), name
        assert sources[name].unsure is True, name
    assert "250" in sources["max_total"].note


def test_2023_refuses_to_score_until_the_constants_are_supplied():
    rulebook = _rulebook("iid-2023.yaml")
    answers = AnswerSet(
        rulebook="IID-2023",
        region={"1": Answer(level=3)},
        innovations=(InnovationAnswers(name="Uji", answers={"16": Answer(level=2)}),),
    )

    with pytest.raises(IncompleteRulebookError) as info:
        score(rulebook, answers)

    assert set(info.value.missing) == {
        "count_score_per_innovation",
        "count_score_cap",
        "basic_service_min",
        "max_total",
    }


def test_2023_bands_are_contiguous_at_two_decimals_and_window_unknown():
    rulebook = _rulebook("iid-2023.yaml")

    assert [(b.predicate, str(b.lower), str(b.upper)) for b in rulebook.bands] == [
        ("sangat_inovatif", "60.01", "100.00"),
        ("inovatif", "35.00", "60.00"),
        ("kurang_inovatif", "0.01", "34.99"),
        ("tidak_dapat_dinilai", "0.00", "0.00"),
    ]
    assert rulebook.eligibility.window_start is None
    assert rulebook.eligibility.window_end is None
    assert rulebook.eligibility.design_min_words == 300
    assert rulebook.eligibility.sources["design_min_words"].unsure is True


def test_2023_rows_are_all_unsure_with_2026_candidate_weights():
    rulebook = _rulebook("iid-2023.yaml")
    rulebook_2026 = _rulebook("iid-2026.yaml")

    assert [r.code for r in rulebook.spd_rows] == SPD_CODES_2026
    assert [r.code for r in rulebook.sid_rows] == SID_CODES
    assert all(r.source.unsure for r in rulebook.rows)
    assert all("[SBY-IDEA]" in r.source.note for r in rulebook.sid_rows)
    assert sum(r.weight for r in rulebook.sid_rows) == 37  # 111 per innovation [GATRA23]
    assert sorted(r.weight for r in rulebook.sid_rows) == sorted(
        r.weight for r in rulebook_2026.sid_rows
    )
    # 2022/2023-era names, in the [SBY-IDEA] numbering.
    assert rulebook.row("30").name == "Online sistem"
    assert rulebook.row("32").name == "Penggunaan IT"
    assert rulebook.row("35").name == "Kualitas inovasi daerah (video)"


def test_2027_draft_is_2026_with_the_prognosis():
    draft = _rulebook("iid-2027-draft.yaml")
    final = _rulebook("iid-2026.yaml")
    sources = draft.constants.sources

    assert (draft.name, draft.status, draft.version) == ("IID-2027-DRAFT", "draft", "2027.0-draft")
    assert draft.constants.divisor_floor == 14
    assert draft.constants.basic_service_min == 6
    assert sources["divisor_floor"].unsure and sources["basic_service_min"].unsure
    assert str(draft.eligibility.window_start) == "2025-01-01"
    assert str(draft.eligibility.window_end) == "2026-12-31"
    assert draft.eligibility.sources["window_start"].unsure is True
    assert draft.rows == final.rows
    assert draft.bands == final.bands
    assert draft.constants.count_score_per_innovation == final.constants.count_score_per_innovation
    assert draft.constants.count_score_cap == final.constants.count_score_cap
    assert draft.constants.max_total == final.constants.max_total
