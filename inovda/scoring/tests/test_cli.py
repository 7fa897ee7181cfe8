"""`inovda score`: what a Pemda with no server sees."""

import json
import subprocess
import sys

import pytest

from inovda.cli import main as inovda_main
from inovda.scoring import answers_to_dict, rulebook_to_yaml
from inovda.scoring.cli import main
from inovda.scoring.tests.builders import small_answers, small_rulebook, spec_example
from inovda.scoring.types import Answer

KEYS = {
    "rulebook", "rulebook_version", "spd", "sid", "sid_average", "count_score", "divisor",
    "innovation_count", "basic_service_covered", "basic_service_met", "total", "max_total", "iid",
    "predicate", "predicate_label", "claimed_iid", "rows", "innovations",
}  # fmt: skip


def _file(tmp_path, answers, name="jawaban.json"):
    path = tmp_path / name
    path.write_text(json.dumps(answers_to_dict(answers)), encoding="utf-8")
    return str(path)


def _small_files(tmp_path):
    rulebook = tmp_path / "uji.yaml"
    rulebook.write_text(rulebook_to_yaml(small_rulebook()), encoding="utf-8")
    answers = small_answers(
        {"1": 3, "2": 1},
        ("Lengkap", {"16": 3, "17": 3, "18": 3}, ("kesehatan",)),
        ("Sedikit", {"16": Answer(level=1, status="rejected")}, ("sosial",)),
    )
    return str(rulebook), _file(tmp_path, answers)


def test_cli_json_output_has_the_golden_numbers(tmp_path, capsys):
    path = _file(tmp_path, spec_example(affair_count=5))

    code = main([path, "--json"])

    text = capsys.readouterr().out
    out = json.loads(text)
    assert code == 0
    assert KEYS <= set(out) <= KEYS | {"fixes_first"}
    assert (out["rulebook"], out["rulebook_version"]) == ("IID-2026", "2026.1")
    assert (out["spd"], out["sid_average"], out["count_score"], out["sid"]) == (40, 70, 7.6, 77.6)
    assert (out["divisor"], out["innovation_count"], out["basic_service_met"]) == (20, 20, True)
    assert len(out["basic_service_covered"]) == 5
    assert (out["total"], out["max_total"]) == (117.6, 250)
    assert (out["iid"], out["claimed_iid"]) == (47.04, 47.04)
    assert (out["predicate"], out["predicate_label"]) == ("inovatif", "Inovatif")
    assert len(out["rows"]) == 20 and len(out["innovations"]) == 20
    assert out["rows"][0] == {
        "code": "1", "level": 2, "claimed_level": 2, "weight": 1, "points": 2, "status": None,
    }  # fmt: skip
    assert out["innovations"][0]["name"] == "Inovasi 1"
    assert out["innovations"][0]["points"] == 70
    assert len(out["innovations"][0]["rows"]) == 20
    assert '"iid": 47.04,' in text


def test_cli_json_keeps_two_decimals_of_the_iid(tmp_path, capsys):
    path = _file(tmp_path, spec_example(affair_count=4))

    main([path, "--json"])

    text = capsys.readouterr().out
    assert '"iid": 44.00,' in text
    assert '"claimed_iid": 44.00,' in text


def test_cli_json_lists_fixes_first_when_the_analysis_module_is_there(tmp_path, capsys):
    pytest.importorskip("inovda.scoring.analysis")
    path = _file(tmp_path, spec_example(affair_count=4))

    main([path, "--json"])

    fixes = json.loads(capsys.readouterr().out)["fixes_first"]
    assert 1 <= len(fixes) <= 10
    assert {"kind", "row", "from_level", "to_level", "gain_iid", "message"} <= set(fixes[0])


def test_cli_table_shows_indonesian_numbers_and_the_predicate(tmp_path, capsys):
    path = _file(tmp_path, spec_example(affair_count=5))

    code = main([path])

    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert lines[0] == "Indeks Inovasi Daerah 2026 (IID-2026, versi 2026.1)"
    assert "SPD                   40,00  dari 63,00" in lines
    assert "SID rata-rata         70,00  jumlah 1.400,00 / pembagi 20" in lines
    assert "Skor jumlah inovasi    7,60  20 inovasi; 5 dari 6 urusan pelayanan dasar" in lines
    assert "Skor total           117,60  dari 250,00" in lines
    assert "IID                   47,04" in lines
    assert "Predikat             Inovatif" in lines
    assert "IID klaim             47,04  seandainya tidak ada jawaban yang ditolak" in lines
    assert "   1  Inovasi 1         70,00  111,00" in lines


def test_cli_table_with_own_rulebook_file_shows_the_claim_above_the_verified_iid(tmp_path, capsys):
    rulebook, answers = _small_files(tmp_path)

    main([answers, "--rulebook-file", rulebook])

    lines = capsys.readouterr().out.splitlines()
    assert "IID                  31,67" in lines  # (5 + 10.5 / 3 + 1) / 30 x 100
    assert "IID klaim            32,78  seandainya tidak ada jawaban yang ditolak" in lines
    assert "Predikat             Kurang Inovatif" in lines
    assert "  Kode  Tingkat  Bobot  Poin  Status" in lines
    assert "  2           1   2,00  2,00" in lines
    assert "   2  Sedikit         0,00  10,50" in lines


def test_cli_rulebook_option_overrides_the_files_rulebook(tmp_path, capsys):
    path = _file(tmp_path, spec_example(affair_count=5))

    main([path, "--rulebook", "iid-2027-draft", "--json"])

    out = json.loads(capsys.readouterr().out)
    assert (out["rulebook"], out["iid"]) == ("IID-2027-DRAFT", 44.0)


def test_cli_incomplete_rulebook_exits_2_with_one_clear_line(tmp_path, capsys):
    path = _file(tmp_path, spec_example(affair_count=5))

    code = main([path, "--rulebook", "IID-2023"])

    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1
    assert captured.err.startswith(
        "inovda score: IID-2023: constants: konstanta rumus belum diketahui untuk tahun ini: "
    )
    assert "--constant max_total=NILAI" in captured.err


def test_cli_incomplete_rulebook_scores_with_supplied_constants(tmp_path, capsys):
    path = _file(tmp_path, spec_example(affair_count=5))
    constants = ["count_score_per_innovation=0.38", "count_score_cap=200",
                 "basic_service_min=5", "max_total=250"]  # fmt: skip

    code = main(
        [
            path,
            "--rulebook",
            "IID-2023",
            "--json",
            *(x for c in constants for x in ("--constant", c)),
        ]
    )

    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (out["rulebook"], out["divisor"], out["count_score"]) == ("IID-2023", 20, 7.6)


@pytest.mark.parametrize(
    ("make_args", "expected"),
    [
        (
            lambda tmp: [str(tmp / "tidak-ada.json")],
            "inovda score: tidak-ada.json: berkas tidak dapat dibuka (No such file or directory). "
            "Periksa jalurnya.",
        ),
        (
            lambda tmp: [_write(tmp / "rusak.json", '{"region": {"1": 3,}}')],
            "inovda score: rusak.json: baris 1, kolom 20: JSON tidak sah (Expecting property name "
            "enclosed in double quotes). Periksa tanda kutip, koma dan kurung di sekitar tempat "
            "itu.",
        ),
        (
            lambda tmp: [_write(tmp / "tujuh.json", '{"region": {"1": 7}}')],
            "inovda score: tujuh.json: jawaban Pemda '1': tingkat harus 0-3, bukan 7. "
            "Gunakan 0 jika belum dijawab.",
        ),
        (
            lambda tmp: [_write(tmp / "salah.json", '{"region": {"16": 3}}')],
            "inovda score: salah.json: jawaban Pemda '16': '16' bukan indikator Pemda (ini "
            "indikator per inovasi). Indikator Pemda IID-2026: 1, 2a, 2b, 3, 4, 5a, 5b, 6, 7, 8, "
            "9, 10a, 10b, 11a, 11b, 12, 13a, 13b, 14, 15.",
        ),
        (
            lambda tmp: [_write(tmp / "j.json", "{}"), "--rulebook", "IID-1999"],
            "inovda score: IID-1999: buku aturan tidak dikenal. Pilih salah satu: IID-2023, "
            "IID-2026, IID-2027-DRAFT, atau --rulebook-file.",
        ),
        (
            lambda tmp: [_write(tmp / "j.json", "{}"), "--rulebook-file", str(tmp / "x.yaml")],
            "inovda score: x.yaml: berkas tidak dapat dibuka (No such file or directory). "
            "Periksa jalurnya.",
        ),
        (
            lambda tmp: [_write(tmp / "j.json", "{}"), "--constant", "max_total"],
            "inovda score: --constant 'max_total' harus berbentuk NAMA=NILAI, mis. max_total=250",
        ),
        (
            lambda tmp: [_write(tmp / "j.json", "{}"), "--constant", "max_total=dua"],
            "inovda score: IID-2026: constants.max_total: 'dua' bukan angka. Tulis angka, mis. 1.5",
        ),
        (
            lambda tmp: [_write(tmp / "rusak.xlsx", "bukan excel")],
            "inovda score: rusak.xlsx: ",
        ),
        (
            lambda tmp: [_write(tmp / "j.json", "{}"), "--bogus"],
            "inovda score: argumen tidak dikenal: --bogus (lihat inovda score --help)",
        ),
        (
            lambda tmp: [],
            "inovda score: argumen wajib tidak ada: file (lihat inovda score --help)",
        ),
    ],
)
def test_cli_bad_input_exits_2_with_one_indonesian_line(tmp_path, capsys, make_args, expected):
    code = main(make_args(tmp_path))

    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1
    assert captured.err.startswith(expected)


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_cli_help_exits_0(capsys):
    assert main(["--help"]) == 0
    assert "inovda score" in capsys.readouterr().out


def test_inovda_command_routes_score_to_the_scoring_cli(tmp_path, capsys):
    path = _file(tmp_path, spec_example(affair_count=5))

    code = inovda_main(["score", path, "--json"])

    assert code == 0
    assert json.loads(capsys.readouterr().out)["iid"] == 47.04


def test_cli_runs_as_a_module_without_django(tmp_path):
    path = _file(tmp_path, spec_example(affair_count=5))
    code = (
        "import runpy, sys; sys.argv = ['inovda.scoring.cli', sys.argv[1], '--json']\n"
        "try:\n    runpy.run_module('inovda.scoring.cli', run_name='__main__')\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        "    assert not [m for m in sys.modules if m.split('.')[0] == 'django']\n"
    )

    done = subprocess.run(
        [sys.executable, "-c", code, path], capture_output=True, text=True, check=False
    )

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["predicate_label"] == "Inovatif"
