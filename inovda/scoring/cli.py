"""`inovda score FILE`: score an answer file with no server and no database."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from typing import Any

from inovda.scoring.analysis import fixes_first
from inovda.scoring.answers import check_answers, read_answers
from inovda.scoring.engine import score
from inovda.scoring.errors import ScoringInputError
from inovda.scoring.rulebook import get_bundled_rulebook, load_rulebook, with_constants
from inovda.scoring.types import RowScore, ScoreResult


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inovda score",
        description="Hitung Indeks Inovasi Daerah dari berkas jawaban (JSON atau Excel).",
    )
    parser.add_argument("file", help="berkas jawaban .json atau .xlsx")
    parser.add_argument("--rulebook", help="nama buku aturan, mis. IID-2026 atau IID-2027-DRAFT")
    parser.add_argument("--rulebook-file", help="berkas YAML buku aturan sendiri")
    parser.add_argument(
        "--constant",
        action="append",
        default=[],
        metavar="NAMA=NILAI",
        help="isi konstanta yang belum diketahui, mis. max_total=250 (boleh berulang)",
    )
    parser.add_argument("--json", action="store_true", help="keluaran satu objek JSON")
    return parser


def _number(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


def _row(r: RowScore) -> dict[str, Any]:
    return {
        "code": r.code,
        "level": r.level,
        "claimed_level": r.claimed_level,
        "weight": _number(r.weight),
        "points": _number(r.points),
        "status": r.status,
    }


def result_to_json(result: ScoreResult) -> dict[str, Any]:
    return {
        "rulebook": result.rulebook,
        "rulebook_version": result.rulebook_version,
        "spd": _number(result.spd),
        "sid": round(float(result.sid), 4),
        "sid_average": round(float(result.sid_average), 4),
        "count_score": _number(result.count_score),
        "divisor": result.divisor,
        "innovation_count": result.innovation_count,
        "basic_service_covered": list(result.basic_service_covered),
        "basic_service_met": result.basic_service_met,
        "total": round(float(result.total), 4),
        "max_total": _number(result.max_total),
        "iid": float(result.iid),
        "predicate": result.predicate,
        "predicate_label": result.predicate_label,
        "claimed_iid": float(result.claimed_iid),
        "rows": [_row(r) for r in result.region_rows],
        "innovations": [
            {
                "name": i.name,
                "unit": i.unit,
                "points": _number(i.points),
                "rows": [_row(r) for r in i.rows],
            }
            for i in result.innovations
        ],
    }


def _id(value: Decimal, places: int = 2) -> str:
    text = f"{value:,.{places}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def _table(result: ScoreResult) -> str:
    lines = [
        f"Buku aturan          {result.rulebook} (versi {result.rulebook_version})",
        f"SPD                  {_id(result.spd)} dari {_id(result.spd_max)}",
        f"SID rata-rata        {_id(result.sid_average)}  "
        f"(jumlah {_id(result.sid_sum)} / pembagi {result.divisor})",
        f"Skor jumlah inovasi  {_id(result.count_score)}  ({result.innovation_count} inovasi; "
        f"{len(result.basic_service_covered)} urusan pelayanan dasar"
        f"{'' if result.basic_service_met else ', syarat belum terpenuhi'})",
        f"Skor total           {_id(result.total)} dari {_id(result.max_total)}",
        f"IID                  {_id(result.iid)}  {result.predicate_label}",
        f"IID klaim            {_id(result.claimed_iid)}  (seandainya tidak ada yang ditolak)",
        "",
        "Indikator Pemda      tingkat  bobot   poin",
    ]
    for r in result.region_rows:
        mark = " ditolak" if r.status == "rejected" else ""
        lines.append(
            f"  {r.code:<18} {r.claimed_level:>7}  {_id(r.weight):>5}  {_id(r.points):>5}{mark}"
        )
    if result.innovations:
        lines += ["", "Inovasi" + " " * 43 + "poin"]
        for inn in result.innovations:
            lines.append(f"  {inn.name[:46]:<46} {_id(inn.points):>7} / {_id(inn.max_points)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        answers = read_answers(args.file)
        if args.rulebook_file:
            rulebook = load_rulebook(args.rulebook_file)
        else:
            rulebook = get_bundled_rulebook(args.rulebook or answers.rulebook or "IID-2026")
        constants = {}
        for item in args.constant:
            name, sep, value = item.partition("=")
            if not sep:
                print(
                    f"inovda score: --constant '{item}' harus berbentuk NAMA=NILAI.",
                    file=sys.stderr,
                )
                return 2
            constants[name.strip()] = value.strip()
        if constants:
            rulebook = with_constants(rulebook, **constants)
        check_answers(rulebook, answers, source_name=args.file)
        result = score(rulebook, answers)
    except ScoringInputError as exc:
        print(f"inovda score: {exc}", file=sys.stderr)
        return 2
    if args.json:
        out = result_to_json(result)
        out["fixes_first"] = [
            {
                "kind": f.kind,
                "innovation": f.innovation,
                "row": f.row,
                "from_level": f.from_level,
                "to_level": f.to_level,
                "gain_iid": round(float(f.gain_iid), 4),
                "message": f.message,
            }
            for f in fixes_first(rulebook, answers, limit=10)
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(_table(result))
        fixes = fixes_first(rulebook, answers, limit=5)
        if fixes:
            print("\nPerbaiki dulu:")
            for fix in fixes:
                print(f"  - {fix.message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
