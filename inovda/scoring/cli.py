"""`inovda score FILE`: score an answer file with no server and no database.

    inovda score FILE [--rulebook NAME] [--rulebook-file PATH] [--constant NAME=VALUE ...] [--json]

The rulebook is `--rulebook-file`, else the bundled `--rulebook`, else the one the file names,
else IID-2026. Without `--json` it prints an Indonesian table (numbers as 47,04); with it, one
JSON object. Any problem with the input is one Indonesian line on stderr and exit code 2.
Also runs as `python -m inovda.scoring.cli`.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

from inovda.scoring.analysis import fixes_first
from inovda.scoring.answers import STATUS_LABELS, check_answers, read_answers
from inovda.scoring.engine import score
from inovda.scoring.errors import ScoringInputError, unreadable_file
from inovda.scoring.rulebook import (
    DEFAULT_RULEBOOK,
    get_bundled_rulebook,
    load_rulebook,
    with_constants,
)
from inovda.scoring.types import AnswerSet, RowScore, Rulebook, ScoreResult

__all__ = ["main", "result_to_json"]

PROG = "inovda score"


class _UsageError(Exception):
    """A command line argparse refuses; reported as one line, exit code 2."""


# argparse's own messages are English; the ones a person meets most, in Indonesian.
_ARGPARSE_MESSAGES = (
    ("the following arguments are required:", "argumen wajib tidak ada:"),
    ("unrecognized arguments:", "argumen tidak dikenal:"),
    ("expected one argument", "butuh satu nilai"),
    ("argument ", "argumen "),
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        for english, indonesian in _ARGPARSE_MESSAGES:
            message = message.replace(english, indonesian)
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Hitung Indeks Inovasi Daerah dari berkas jawaban (JSON atau Excel).",
    )
    parser.add_argument("file", help="berkas jawaban .json atau .xlsx")
    parser.add_argument("--rulebook", help="nama buku aturan bawaan, mis. IID-2026 atau IID-2023")
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
    """The full breakdown as plain JSON data (numbers as int/float; stored by the web app too)."""
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


def _dumps(out: dict[str, Any], result: ScoreResult) -> str:
    """JSON text in which `iid` and `claimed_iid` keep exactly two decimals (47.00, not 47.0)."""
    token = secrets.token_hex(8)
    exact = {"iid": result.iid, "claimed_iid": result.claimed_iid}
    for key in exact:
        out[key] = f"{token}{key}"
    text = json.dumps(out, ensure_ascii=False, indent=2)
    for key, value in exact.items():
        text = text.replace(f'"{token}{key}"', f"{value:.2f}", 1)
    return text


def _fix_json(fix: Any) -> dict[str, Any]:
    return {
        "kind": fix.kind,
        "innovation": fix.innovation,
        "row": fix.row,
        "from_level": fix.from_level,
        "to_level": fix.to_level,
        "gain_iid": round(float(fix.gain_iid), 4),
        "message": fix.message,
    }


def id_number(value: Decimal | int, places: int = 2) -> str:
    """Indonesian number format: 1.616,50 and 47,04."""
    text = f"{value:,.{places}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def _columns(header: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    """Aligned text columns; the columns in `right` (numbers) are right-aligned."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  " + "  ".join(parts).rstrip()

    return [line(header), *(line(row) for row in rows)]


def _table(result: ScoreResult, rulebook: Rulebook, answers: AnswerSet) -> str:
    affairs = len(rulebook.constants.basic_service_affairs)
    gate = "" if result.basic_service_met else "; syarat belum terpenuhi"
    summary = [
        ("SPD", result.spd, f"dari {id_number(result.spd_max)}"),
        (
            "SID rata-rata",
            result.sid_average,
            f"jumlah {id_number(result.sid_sum)} / pembagi {result.divisor}",
        ),
        (
            "Skor jumlah inovasi",
            result.count_score,
            f"{result.innovation_count} inovasi; {len(result.basic_service_covered)} dari "
            f"{affairs} urusan pelayanan dasar{gate}",
        ),
        ("SID", result.sid, "rata-rata + skor jumlah inovasi"),
        ("Skor total", result.total, f"dari {id_number(result.max_total)}"),
        ("IID", result.iid, ""),
    ]
    title = f"{rulebook.title} ({result.rulebook}, versi {result.rulebook_version})"
    if answers.region_name:
        title = f"{answers.region_name} — {title}"
    width = max(len(label) for label, _, _ in summary)
    lines = [title, ""]
    numbers = [id_number(value) for _, value, _ in summary]
    number_width = max(len(n) for n in numbers)
    for (label, _, note), number in zip(summary, numbers, strict=True):
        lines.append(f"{label:<{width}}  {number:>{number_width}}  {note}".rstrip())
    lines.append(f"{'Predikat':<{width}}  {result.predicate_label}")
    lines.append(
        f"{'IID klaim':<{width}}  {id_number(result.claimed_iid):>{number_width}}  "
        "seandainya tidak ada jawaban yang ditolak"
    )

    lines += ["", "Indikator Pemda"]
    lines += _columns(
        ("Kode", "Tingkat", "Bobot", "Poin", "Status"),
        [
            (
                r.code,
                str(r.claimed_level),
                id_number(r.weight),
                id_number(r.points),
                STATUS_LABELS.get(r.status or "", ""),
            )
            for r in result.region_rows
        ],
        right={1, 2, 3},
    )
    if result.innovations:
        lines += ["", "Inovasi"]
        lines += _columns(
            ("No", "Nama", "Unit", "Poin", "Maks"),
            [
                (
                    str(i),
                    inn.name[:50],
                    inn.unit[:30],
                    id_number(inn.points),
                    id_number(inn.max_points),
                )
                for i, inn in enumerate(result.innovations, start=1)
            ],
            right={0, 3, 4},
        )
    return "\n".join(lines)


def _read(file: str) -> AnswerSet:
    try:
        return read_answers(file)
    except ScoringInputError:
        raise
    except Exception as exc:  # anything else about the file itself: one line, never a traceback
        raise unreadable_file(Path(file).name, exc) from None


def _rulebook(args: argparse.Namespace, answers: AnswerSet) -> Rulebook:
    if args.rulebook_file:
        rulebook = load_rulebook(args.rulebook_file)
    else:
        rulebook = get_bundled_rulebook(args.rulebook or answers.rulebook or DEFAULT_RULEBOOK)
    constants: dict[str, str] = {}
    for item in args.constant:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise _UsageError(f"--constant '{item}' harus berbentuk NAMA=NILAI, mis. max_total=250")
        constants[name.strip()] = value.strip()
    return with_constants(rulebook, **constants) if constants else rulebook


def main(argv: list[str] | None = None) -> int:
    """Run `inovda score`; return the exit code (0 ok, 2 bad input)."""
    try:
        args = _parser().parse_args(argv)
    except _UsageError as exc:
        print(f"{PROG}: {exc} (lihat {PROG} --help)", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else 0
    try:
        answers = _read(args.file)
        rulebook = _rulebook(args, answers)
        check_answers(rulebook, answers, source_name=Path(args.file).name)
        result = score(rulebook, answers)
    except (_UsageError, ScoringInputError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2

    if args.json:
        out = result_to_json(result)
        fixes = fixes_first(rulebook, answers, limit=10, base=result)
        out["fixes_first"] = [_fix_json(f) for f in fixes]
        print(_dumps(out, result))
        return 0
    print(_table(result, rulebook, answers))
    fixes = fixes_first(rulebook, answers, limit=5, base=result)
    if fixes:
        print("\nPerbaiki dulu:")
        for fix in fixes:
            print(f"  - {fix.message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
