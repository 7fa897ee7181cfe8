"""Rulebooks load whole or not at all, and every error names the file, the place and the fix."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
import yaml

from inovda.scoring import (
    IncompleteRulebookError,
    RulebookError,
    bundled_rulebooks,
    fingerprint,
    get_bundled_rulebook,
    load_rulebook,
    rulebook_from_dict,
    rulebook_from_yaml,
    rulebook_to_dict,
    rulebook_to_yaml,
    score,
    with_constants,
)
from inovda.scoring.tests.builders import (
    BUNDLED_FILES,
    WINDOW_START,
    bundled,
    small_answers,
    small_rulebook,
    small_rulebook_data,
)
from inovda.scoring.types import Source


def _error(data) -> RulebookError:
    with pytest.raises(RulebookError) as info:
        rulebook_from_dict(data, source_name="uji.yaml")
    return info.value


def test_rulebook_small_loads_with_decimals_sources_and_dates():
    rulebook = small_rulebook()

    assert [r.code for r in rulebook.spd_rows] == ["1", "2"]
    assert rulebook.row("18").weight == Decimal("0.5")
    assert [b.code for b in rulebook.row("18").bases] == ["a", "b"]
    assert rulebook.constants.count_score_per_innovation == Decimal("0.5")
    assert rulebook.constants.sources["max_total"] == Source(ref="uji", unsure=True)
    assert rulebook.eligibility.window_start == WINDOW_START
    assert rulebook.eligibility.sources["design_min_words"] == Source(ref="uji", unsure=False)
    assert rulebook.bands[1].lower == Decimal("40.01")


def test_rulebook_round_trips_through_plain_data_and_yaml():
    rulebook = small_rulebook()

    assert rulebook_from_dict(rulebook_to_dict(rulebook)) == rulebook
    assert rulebook_from_yaml(rulebook_to_yaml(rulebook)) == rulebook
    assert fingerprint(rulebook_from_yaml(rulebook_to_yaml(rulebook))) == fingerprint(rulebook)


@pytest.mark.parametrize("name", sorted(BUNDLED_FILES))
def test_rulebook_bundled_round_trips_exactly(name):
    rulebook = bundled(name)

    again = rulebook_from_dict(yaml.safe_load(rulebook_to_yaml(rulebook)))

    assert again == rulebook


def test_rulebook_dates_may_be_yaml_dates_or_strings():
    data = small_rulebook_data()
    data["eligibility"]["window_start"]["value"] = dt.date(2024, 1, 1)
    text = yaml.safe_dump(small_rulebook_data())  # strings quoted ...
    unquoted = text.replace("'2025-12-31'", "2025-12-31")  # ... and one a real YAML date

    from_dates = rulebook_from_dict(data)
    from_yaml = rulebook_from_yaml(unquoted)

    assert from_dates.eligibility.window_start == dt.date(2024, 1, 1)
    assert from_yaml.eligibility.window_end == dt.date(2025, 12, 31)
    assert from_dates == from_yaml == rulebook_from_dict(small_rulebook_data())


def test_rulebook_unknown_constants_are_allowed_and_keep_their_source():
    data = small_rulebook_data()
    data["status"] = "partial"
    data["constants"]["max_total"] = {"value": None, "source": "belum ada", "unsure": True}

    rulebook = rulebook_from_dict(data)

    assert rulebook.constants.max_total is None
    assert rulebook.constants.missing() == ("max_total",)
    assert rulebook.constants.sources["max_total"] == Source(ref="belum ada", unsure=True)
    assert rulebook_from_dict(rulebook_to_dict(rulebook)) == rulebook


def test_rulebook_incomplete_refuses_to_score_and_names_each_missing_constant():
    data = small_rulebook_data()
    for name in ("count_score_cap", "max_total"):
        data["constants"][name]["value"] = None
    rulebook = rulebook_from_dict(data)

    with pytest.raises(IncompleteRulebookError) as info:
        score(rulebook, small_answers())

    assert info.value.missing == ("count_score_cap", "max_total")
    assert str(info.value) == (
        "UJI-1: constants: konstanta rumus belum diketahui untuk tahun ini: count_score_cap "
        "(batas jumlah inovasi yang dihitung pada skor jumlah inovasi); max_total (skor total "
        "maksimum). Isi nilainya dari surat resmi BSKDN: di baris perintah dengan --constant "
        "count_score_cap=NILAI --constant max_total=NILAI, atau ubah buku aturan di aplikasi."
    )


def test_with_constants_returns_a_new_rulebook_marked_supplied_by_user():
    data = small_rulebook_data()
    data["constants"]["max_total"]["value"] = None
    rulebook = rulebook_from_dict(data)

    filled = with_constants(rulebook, max_total="250", divisor_floor=10)

    assert filled is not rulebook
    assert rulebook.constants.max_total is None
    assert (filled.constants.max_total, filled.constants.divisor_floor) == (Decimal(250), 10)
    assert filled.constants.sources["max_total"] == Source(ref="diisi oleh pengguna", unsure=True)
    assert filled.constants.sources["count_score_cap"] == Source(ref="uji", unsure=False)
    assert dataclasses.replace(filled, constants=rulebook.constants) == rulebook


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"pembagi": "10"},
            "UJI-1: constants.pembagi: konstanta tidak dikenal. Pilih salah satu: ",
        ),
        ({"divisor_floor": "1.5"}, "UJI-1: constants.divisor_floor: '1.5' bukan bilangan bulat"),
        ({"max_total": "nol"}, "UJI-1: constants.max_total: 'nol' bukan angka"),
        ({"max_total": "0"}, "UJI-1: constants.max_total: skor total maksimum harus lebih dari 0"),
        ({"basic_service_min": "4"}, "UJI-1: constants.basic_service_min: minimum 4 urusan"),
    ],
)
def test_with_constants_refuses_bad_values(values, expected):
    with pytest.raises(RulebookError) as info:
        with_constants(small_rulebook(), **values)

    assert str(info.value).startswith(expected)


def _set(path, value):
    """A mutation of the small rulebook data: set `value` at `path` (None deletes the key)."""

    def mutate(data):
        target = data
        for part in path[:-1]:
            target = target[part]
        if value is _DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return mutate


_DELETE = object()


def _swap_levels(data):
    params = data["rows"][0]["parameters"]
    params[0]["level"], params[1]["level"] = 2, 1


def _duplicate_code(data):
    data["rows"][1]["code"] = "1"
    data["rows"][1]["indicator"] = 1


def _split_indicator_across_aspects(data):
    data["rows"][1].update(code="1b", indicator=1, aspect="sid")


def _duplicate_basis(data):
    data["rows"][4]["bases"][1]["code"] = "a"


def _duplicate_predicate(data):
    data["bands"]["items"][2]["predicate"] = "inovatif"


# (mutation, exact place, exact problem, exact fix): the whole message is checked.
MALFORMED = {
    "weight not a number": (
        _set(["rows", 3, "weight"], "dua"),
        "rows[3].weight",
        "bobot harus angka positif, bukan 'dua'",
        "Tulis mis. 1.5",
    ),
    "weight zero": (
        _set(["rows", 1, "weight"], "0"),
        "rows[1].weight",
        "bobot harus angka positif, bukan '0'",
        "Tulis mis. 1.5",
    ),
    "weight negative": (
        _set(["rows", 1, "weight"], -2),
        "rows[1].weight",
        "bobot harus angka positif, bukan '-2'",
        "Tulis mis. 1.5",
    ),
    "parameter level 7": (
        _set(["rows", 3, "parameters", 1, "level"], 7),
        "rows[3].parameters[1].level",
        "tingkat parameter harus 1, 2 atau 3, bukan 7",
        "Tulis level: 1, 2 atau 3",
    ),
    "parameters out of order": (
        _swap_levels,
        "rows[0].parameters",
        "tingkat parameter harus 1, 2, 3 berurutan",
        "Tulis P1, P2, P3 dengan level 1, 2 dan 3.",
    ),
    "two parameters only": (
        lambda d: d["rows"][2]["parameters"].pop(),
        "rows[2].parameters",
        "jumlah butir 2 tidak sesuai (harus minimal 3)",
        "Lengkapi daftarnya.",
    ),
    "no rows": (
        _set(["rows"], _DELETE),
        "(akar berkas)",
        "bagian wajib tidak ada: rows",
        "Tambahkan bagian yang hilang (lihat docs/scoring.md, format buku aturan).",
    ),
    "constant missing": (
        _set(["constants", "max_total"], _DELETE),
        "constants",
        "bagian wajib tidak ada: max_total",
        "Tambahkan bagian yang hilang (lihat docs/scoring.md, format buku aturan).",
    ),
    "unknown row field": (
        _set(["rows", 2, "bobot"], "2"),
        "rows[2]",
        "bidang tidak dikenal: bobot",
        "Hapus atau perbaiki ejaan nama bidang itu.",
    ),
    "unknown aspect": (
        _set(["rows", 0, "aspect"], "spx"),
        "rows[0].aspect",
        "nilai 'spx' tidak diizinkan; pilih salah satu: spd, sid",
        "Gunakan salah satu nilai yang diizinkan.",
    ),
    "unknown evidence kind": (
        _set(["rows", 0, "parameters", 0, "evidence"], ["faks"]),
        "rows[0].parameters[0].evidence[0]",
        "nilai 'faks' tidak diizinkan; pilih salah satu: perda, perkada, sk_kepala_daerah, "
        "sk_kepala_perangkat_daerah, surat_tugas, dokumen_perencanaan, dokumen_anggaran, laporan, "
        "data_statistik, lhp_bpk, sertifikat, daftar_hadir, screenshot, foto, tautan_video, "
        "dokumen_lain",
        "Gunakan salah satu nilai yang diizinkan.",
    ),
    "duplicate row code": (
        _duplicate_code,
        "rows[1].code",
        "kode baris '1' dipakai dua kali",
        "Beri kode unik.",
    ),
    "indicator not matching code": (
        _set(["rows", 0, "indicator"], 3),
        "rows[0].indicator",
        "baris '1' tidak cocok dengan indikator 3",
        "Nomor indikator harus sama dengan angka pada kode baris.",
    ),
    "indicator split across aspects": (
        _split_indicator_across_aspects,
        "rows[1].aspect",
        "baris '1b' pada aspek 'sid', padahal baris '1' dari indikator yang sama pada aspek 'spd'",
        "Semua baris satu indikator harus pada aspek yang sama (spd atau sid).",
    ),
    "duplicate basis": (
        _duplicate_basis,
        "rows[4].bases[1].code",
        "basis 'a' dipakai dua kali",
        "Beri kode basis unik (a-f).",
    ),
    "band gap": (
        _set(["bands", "items", 1, "upper"], "64.00"),
        "bands.items[1].upper",
        "rentang predikat 'Inovatif' (64.00) tidak menyambung dengan 'Sangat Inovatif' (65.01)",
        "Urutkan dari predikat terbaik; batas atas = batas bawah sebelumnya - 0.01.",
    ),
    "band overlap": (
        _set(["bands", "items", 1, "upper"], "65.01"),
        "bands.items[1].upper",
        "rentang predikat 'Inovatif' (65.01) tidak menyambung dengan 'Sangat Inovatif' (65.01)",
        "Urutkan dari predikat terbaik; batas atas = batas bawah sebelumnya - 0.01.",
    ),
    "band upside down": (
        _set(["bands", "items", 2, "lower"], "50.00"),
        "bands.items[2]",
        "batas bawah 50.00 di atas batas atas 40.00",
        "Tukar kedua batas.",
    ),
    "bands not up to 100": (
        _set(["bands", "items", 0, "upper"], "99.00"),
        "bands.items[0].upper",
        "rentang predikat teratas harus sampai 100.00, bukan 99.00",
        "Urutkan dari predikat terbaik; yang pertama berakhir di 100.00.",
    ),
    "bands not from 0": (
        lambda d: d["bands"]["items"].pop(),
        "bands.items[2].lower",
        "rentang predikat terbawah harus mulai dari 0.00, bukan 0.01",
        "Tambahkan rentang sampai 0.00 (mis. Tidak Dapat Dinilai 0.00-0.00).",
    ),
    "band bound not a number": (
        _set(["bands", "items", 0, "lower"], "enam lima"),
        "bands.items[0].lower",
        "batas predikat harus angka dengan 2 desimal, bukan 'enam lima'",
        "Tulis mis. 40.01",
    ),
    "duplicate predicate": (
        _duplicate_predicate,
        "bands.items[2].predicate",
        "predikat 'inovatif' muncul dua kali",
        "Setiap predikat hanya satu rentang.",
    ),
    "constant not a number": (
        _set(["constants", "count_score_per_innovation", "value"], "nol koma"),
        "constants.count_score_per_innovation.value",
        "nilai konstanta harus angka dengan titik desimal, bukan 'nol koma'",
        "Tulis mis. 0.38, atau null jika belum diketahui",
    ),
    "integer constant with decimals": (
        _set(["constants", "divisor_floor", "value"], 2.5),
        "constants.divisor_floor.value",
        "nilai konstanta harus bilangan bulat ≥ 0, bukan '2.5'",
        "Tulis mis. 12, atau null jika belum diketahui",
    ),
    "max total zero": (
        _set(["constants", "max_total", "value"], "0"),
        "constants.max_total.value",
        "skor total maksimum harus lebih dari 0, bukan 0",
        "Tulis mis. 250",
    ),
    "basic service minimum above the list": (
        _set(["constants", "basic_service_min", "value"], 4),
        "constants.basic_service_min.value",
        "minimum 4 urusan pelayanan dasar, padahal daftarnya hanya 3",
        "Turunkan nilainya atau lengkapi basic_service_affairs.",
    ),
    "duplicate basic service affair": (
        _set(["basic_service_affairs"], ["Pendidikan", "kesehatan", "pendidikan"]),
        "basic_service_affairs[2]",
        "urusan 'pendidikan' tercantum dua kali",
        "Hapus salah satunya.",
    ),
    "bad date": (
        _set(["eligibility", "window_start", "value"], "2024-13-01"),
        "eligibility.window_start.value",
        "'2024-13-01' bukan tanggal",
        "Tulis tanggal sebagai TTTT-BB-HH, mis. 2024-01-01.",
    ),
    "window reversed": (
        _set(["eligibility", "window_end", "value"], "2023-12-31"),
        "eligibility.window_end",
        "akhir jendela kelayakan sebelum awalnya",
        "Tukar kedua tanggal.",
    ),
    "row code with a dash": (
        _set(["rows", 0, "code"], "1-a"),
        "rows[0].code",
        "kode harus angka dengan satu huruf kecil opsional, bukan '1-a'",
        "Tulis mis. 16 atau 2a",
    ),
    "basis code upper case": (
        _set(["rows", 4, "bases", 0, "code"], "A"),
        "rows[4].bases[0].code",
        "kode basis harus satu huruf kecil, bukan 'A'",
        "Tulis mis. a",
    ),
    "mandatory not a boolean": (
        _set(["rows", 0, "mandatory"], "ya"),
        "rows[0].mandatory",
        "wajib harus true atau false, bukan 'ya'",
        "Tulis mandatory: true atau mandatory: false",
    ),
    "design length not a number": (
        _set(["eligibility", "design_min_words", "value"], "banyak"),
        "eligibility.design_min_words.value",
        "jumlah kata minimum harus bilangan bulat ≥ 0, bukan 'banyak'",
        "Tulis mis. 300, atau null",
    ),
    "unknown status": (
        _set(["status"], "final-ish"),
        "status",
        "nilai 'final-ish' tidak diizinkan; pilih salah satu: final, partial, draft",
        "Gunakan salah satu nilai yang diizinkan.",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_rulebook_error_names_file_place_problem_and_fix(case):
    mutate, place, problem, fix = MALFORMED[case]
    data = small_rulebook_data()
    mutate(data)

    error = _error(data)

    assert (error.source_name, error.place, error.problem, error.fix) == (
        "uji.yaml",
        place,
        problem,
        fix,
    )
    assert str(error) == f"uji.yaml: {place}: {problem}. {fix}"


def test_rulebook_error_message_matches_the_contract_example():
    data = small_rulebook_data()
    data["rows"][3]["weight"] = "dua"

    assert str(_error(data)) == (
        "uji.yaml: rows[3].weight: bobot harus angka positif, bukan 'dua'. Tulis mis. 1.5"
    )


def test_rulebook_file_with_broken_yaml_names_the_line(tmp_path):
    path = tmp_path / "rusak.yaml"
    path.write_text("name: IID-X\nrows: [\n  - code: 1\n", encoding="utf-8")

    with pytest.raises(RulebookError) as info:
        load_rulebook(path)

    assert str(info.value) == (
        "rusak.yaml: baris 3, kolom 3: YAML tidak dapat dibaca. "
        "Periksa indentasi dan tanda titik dua di sekitar tempat itu."
    )


def test_rulebook_file_that_is_not_a_mapping_is_refused(tmp_path):
    path = tmp_path / "daftar.yaml"
    path.write_text("- satu\n- dua\n", encoding="utf-8")

    with pytest.raises(RulebookError) as info:
        load_rulebook(path)

    assert str(info.value) == (
        "daftar.yaml: isi berkas bukan buku aturan. Berkas harus berupa peta YAML."
    )


def test_rulebook_missing_file_says_so(tmp_path):
    with pytest.raises(RulebookError) as info:
        load_rulebook(tmp_path / "tidak-ada.yaml")

    assert str(info.value) == (
        "tidak-ada.yaml: berkas tidak dapat dibuka (No such file or directory). Periksa jalurnya."
    )


def test_rulebook_from_yaml_file_loads_what_was_written(tmp_path):
    path = tmp_path / "uji.yaml"
    path.write_text(rulebook_to_yaml(small_rulebook()), encoding="utf-8")

    assert load_rulebook(path) == small_rulebook()


def test_bundled_rulebooks_are_the_three_years():
    for name in BUNDLED_FILES:
        bundled(name)

    assert sorted(bundled_rulebooks()) == ["IID-2023", "IID-2026", "IID-2027-DRAFT"]


def test_get_bundled_rulebook_ignores_case_and_lists_names_when_unknown():
    rulebook = bundled("IID-2026")

    assert get_bundled_rulebook("iid-2026") is rulebook
    with pytest.raises(RulebookError) as info:
        get_bundled_rulebook("IID-1999")
    assert str(info.value).startswith("IID-1999: buku aturan tidak dikenal. Pilih salah satu: ")
    assert "IID-2026" in info.value.fix


def test_rulebook_2026_totals_are_63_111_76_250():
    rulebook = bundled("IID-2026")
    c = rulebook.constants

    spd_max = sum(r.max_points for r in rulebook.spd_rows)
    sid_max = sum(r.max_points for r in rulebook.sid_rows)

    assert (spd_max, sid_max, c.count_score_cap * c.count_score_per_innovation) == (63, 111, 76)
    assert c.max_total == 250
    assert rulebook.status == "final"


def test_rulebook_2023_knows_its_structure_but_not_its_constants():
    rulebook = bundled("IID-2023")

    assert rulebook.status == "partial"
    assert rulebook.constants.divisor_floor == 10
    assert rulebook.constants.missing() == (
        "count_score_per_innovation", "count_score_cap", "basic_service_min", "max_total",
    )  # fmt: skip
    assert [str(b.lower) for b in rulebook.bands] == ["60.01", "35.00", "0.01", "0.00"]
