"""`inovda score`: what a Pemda with no server sees."""

import json

from inovda.scoring.answers import answers_to_dict
from inovda.scoring.cli import main
from inovda.scoring.tests.builders import spec_example


def _file(tmp_path, answers):
    path = tmp_path / "jawaban.json"
    path.write_text(json.dumps(answers_to_dict(answers)), encoding="utf-8")
    return str(path)


def test_cli_json_output_has_the_golden_numbers(tmp_path, capsys):
    path = _file(tmp_path, spec_example(affair_count=5))

    code = main([path, "--json"])

    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["rulebook"] == "IID-2026"
    assert (out["spd"], out["count_score"], out["iid"]) == (40, 7.6, 47.04)
    assert out["predicate"] == "inovatif"
    assert out["claimed_iid"] == 47.04
    assert len(out["rows"]) == 20 and len(out["innovations"]) == 20
    assert "fixes_first" in out


def test_cli_table_uses_indonesian_numbers(tmp_path, capsys):
    path = _file(tmp_path, spec_example(affair_count=4))

    main([path])

    out = capsys.readouterr().out
    assert "IID                  44,00  Inovatif" in out
    assert "Perbaiki dulu:" in out


def test_cli_other_rulebook_scores_the_same_answers(tmp_path, capsys):
    path = _file(tmp_path, spec_example(affair_count=5))

    main([path, "--rulebook", "IID-2027-DRAFT", "--json"])

    assert json.loads(capsys.readouterr().out)["iid"] == 44.0


def test_cli_incomplete_rulebook_exits_2_with_one_clear_line(tmp_path, capsys):
    path = _file(tmp_path, spec_example(affair_count=5))

    code = main([path, "--rulebook", "IID-2023"])

    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1
    assert "konstanta rumus belum diketahui" in err and "--constant max_total=NILAI" in err


def test_cli_incomplete_rulebook_scores_with_supplied_constants(tmp_path, capsys):
    path = _file(tmp_path, spec_example(affair_count=5))
    args = ["count_score_per_innovation=0.38", "count_score_cap=200", "basic_service_min=5",
            "max_total=250"]  # fmt: skip

    constants = [x for a in args for x in ("--constant", a)]

    code = main([path, "--rulebook", "IID-2023", "--json", *constants])

    assert code == 0
    assert json.loads(capsys.readouterr().out)["divisor"] == 20


def test_cli_missing_file_exits_2(tmp_path, capsys):
    code = main([str(tmp_path / "tidak-ada.json")])

    assert code == 2
    assert "tidak dapat dibuka" in capsys.readouterr().err
