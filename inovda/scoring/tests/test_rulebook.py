"""Rulebooks load whole or not at all, and every error names the file, the place and the fix."""

import copy

import pytest
import yaml

from inovda.scoring import (
    RulebookError,
    bundled_rulebooks,
    fingerprint,
    load_rulebook,
    rulebook_from_dict,
    rulebook_to_dict,
    rulebook_to_yaml,
    with_constants,
)
from inovda.scoring.tests.builders import rulebook_2026

EVIDENCE_KINDS = {
    "perda", "perkada", "sk_kepala_daerah", "sk_kepala_perangkat_daerah", "surat_tugas",
    "dokumen_perencanaan", "dokumen_anggaran", "laporan", "data_statistik", "lhp_bpk",
    "sertifikat", "daftar_hadir", "screenshot", "foto", "tautan_video", "dokumen_lain",
}  # fmt: skip


def _data():
    return rulebook_to_dict(rulebook_2026())


def _error(data) -> RulebookError:
    with pytest.raises(RulebookError) as info:
        rulebook_from_dict(data, source_name="uji.yaml")
    return info.value


def test_bundled_rulebooks_are_the_three_years():
    assert sorted(bundled_rulebooks()) == ["IID-2023", "IID-2026", "IID-2027-DRAFT"]


def test_rulebook_round_trips_through_plain_data_and_yaml():
    rulebook = rulebook_2026()

    again = rulebook_from_dict(yaml.safe_load(rulebook_to_yaml(rulebook)))

    assert again == rulebook
    assert fingerprint(again) == fingerprint(rulebook)


def test_rulebook_2026_structure_matches_the_letter():
    rulebook = rulebook_2026()

    assert [r.code for r in rulebook.spd_rows][:5] == ["1", "2a", "2b", "3", "4"]
    assert len(rulebook.spd_rows) == 20 and len(rulebook.sid_rows) == 20
    assert {r.code for r in rulebook.sid_rows if r.mandatory} == {"16", "17", "32", "33", "35"}
    assert [b.code for b in rulebook.row("33").bases] == ["a", "b", "c", "d", "e", "f"]
    assert rulebook.row("16").parameters[2].text == "Peraturan Daerah"
    assert all(r.source and r.source.ref for r in rulebook.rows)


def test_rulebook_unsure_values_are_marked_where_the_spec_doubts_them():
    rulebook = rulebook_2026()

    unsure_rows = {r.code for r in rulebook.rows if r.source and r.source.unsure}

    assert {"4", "5a", "35"} <= unsure_rows
    assert "16" not in unsure_rows
    assert rulebook.constants.sources["divisor_floor"].unsure is True
    assert rulebook.constants.sources["max_total"].unsure is False


def test_rulebook_every_evidence_kind_is_from_the_closed_list():
    for path in bundled_rulebooks().values():
        rulebook = load_rulebook(path)
        kinds = {k for r in rulebook.rows for p in r.parameters for k in p.evidence}
        assert kinds <= EVIDENCE_KINDS


def test_rulebook_2023_knows_its_structure_but_not_its_constants():
    rulebook = load_rulebook(bundled_rulebooks()["IID-2023"])

    assert rulebook.status == "partial"
    assert rulebook.constants.divisor_floor == 10
    assert rulebook.constants.missing() == (
        "count_score_per_innovation", "count_score_cap", "basic_service_min", "max_total",
    )  # fmt: skip
    assert rulebook.bands[0].lower == 60.01 or str(rulebook.bands[0].lower) == "60.01"


def test_rulebook_2027_draft_follows_the_prognosis():
    rulebook = load_rulebook(bundled_rulebooks()["IID-2027-DRAFT"])

    assert rulebook.status == "draft"
    assert (rulebook.constants.divisor_floor, rulebook.constants.basic_service_min) == (14, 6)


def test_rulebook_error_names_a_bad_weight():
    data = _data()
    data["rows"][3]["weight"] = "dua"

    error = _error(data)

    assert error.source_name == "uji.yaml"
    assert error.place == "rows[3].weight"
    assert error.problem == "'dua' tidak sesuai format"
    assert str(error).startswith("uji.yaml: rows[3].weight: ")


def test_rulebook_error_names_a_missing_field_and_the_fix():
    data = _data()
    del data["constants"]["max_total"]

    error = _error(data)

    assert error.place == "constants"
    assert "max_total" in error.problem
    assert "Tambahkan" in error.fix


def test_rulebook_error_for_duplicate_row_code():
    data = _data()
    data["rows"][1] = copy.deepcopy(data["rows"][0])

    error = _error(data)

    assert error.place == "rows[1].code"
    assert "dipakai dua kali" in error.problem


def test_rulebook_error_for_parameters_out_of_order():
    data = _data()
    params = data["rows"][0]["parameters"]
    params[0]["level"], params[1]["level"] = 2, 1

    error = _error(data)

    assert error.place == "rows[0].parameters"


def test_rulebook_error_for_bands_with_a_gap():
    data = _data()
    data["bands"]["items"][1]["upper"] = "64.00"

    error = _error(data)

    assert error.place == "bands.items[1].upper"
    assert "tidak menyambung" in error.problem


def test_rulebook_error_for_unknown_evidence_kind():
    data = _data()
    data["rows"][0]["parameters"][0]["evidence"] = ["faks"]

    error = _error(data)

    assert error.place == "rows[0].parameters[0].evidence[0]"


def test_rulebook_file_with_broken_yaml_names_the_line(tmp_path):
    path = tmp_path / "rusak.yaml"
    path.write_text("name: IID-X\nrows: [\n  - code: 1\n", encoding="utf-8")

    with pytest.raises(RulebookError) as info:
        load_rulebook(path)

    assert str(info.value).startswith("rusak.yaml: baris ")


def test_with_constants_rejects_unknown_names_and_marks_supplied_values():
    rulebook = load_rulebook(bundled_rulebooks()["IID-2023"])

    filled = with_constants(rulebook, max_total="250")

    assert filled.constants.max_total == 250
    assert filled.constants.sources["max_total"].ref == "diisi oleh pengguna"
    with pytest.raises(RulebookError):
        with_constants(rulebook, pembagi="10")
