"""Answer files: one region's answers keyed by the official row numbers (JSON, or Excel).

The JSON format is the exchange format of `../shared/spec/README.md`, extended compatibly with
optional facts the verified-score prediction uses (unit, dates, design length, evidence).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from inovda.scoring.errors import AnswerFileError
from inovda.scoring.types import Answer, AnswerSet, Evidence, InnovationAnswers, Row, Rulebook

__all__ = [
    "AnswerFileError",
    "answer_place",
    "answers_from_dict",
    "answers_from_json",
    "answers_to_dict",
    "check_answers",
    "innovation_place",
    "read_answers",
    "write_answers",
]

STATUSES = ("accepted", "rejected", "pending")
# How people read and write each status (the CLI table, the Excel template).
STATUS_LABELS = {"accepted": "diterima", "rejected": "ditolak", "pending": "menunggu"}
LEVEL_FIX = "Gunakan 0 jika belum dijawab."


def innovation_place(index: int, name: str) -> str:
    """How errors name an innovation: its position counted from 1, and its name."""
    return f"inovasi #{index + 1} '{name}'" if name else f"inovasi #{index + 1}"


def answer_place(code: str, innovation: str | None) -> str:
    """How errors name an answer: its row code, and the innovation it belongs to (if any)."""
    return f"jawaban '{code}' pada {innovation}" if innovation else f"jawaban Pemda '{code}'"


def is_level(value: object) -> bool:
    """A parameter level: a whole number 0-3 (True/False are not levels)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 3


def _level(value: Any, source: str, place: str) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not is_level(value):
        raise AnswerFileError(source, place, f"tingkat harus 0-3, bukan {value!r}", LEVEL_FIX)
    return int(value)


def _date(value: Any, source: str, place: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise AnswerFileError(
            source, place, f"'{value}' bukan tanggal", "Tulis TTTT-BB-HH, mis. 2025-03-01."
        ) from None


def _evidence(raw: Any, source: str, place: str) -> tuple[Evidence, ...]:
    if not isinstance(raw, list):
        raise AnswerFileError(
            source,
            place,
            "bukti (evidence) harus berupa daftar",
            'Tulis mis. "evidence": [{"kind": "perda", "dated": "2025-03-01"}].',
        )
    items = []
    for i, item in enumerate(raw):
        if not isinstance(item, Mapping):
            raise AnswerFileError(
                source,
                place,
                f"bukti ke-{i + 1} harus berupa objek, bukan {item!r}",
                'Tulis mis. {"kind": "perda", "file_name": "perda-3-2024.pdf"}.',
            )
        items.append(
            Evidence(
                kind=str(item.get("kind") or "dokumen_lain"),
                dated=_date(item.get("dated"), source, f"{place}, bukti ke-{i + 1}"),
                file_name=str(item.get("file_name") or ""),
            )
        )
    return tuple(items)


def _answer(raw: Any, source: str, place: str) -> Answer:
    if not isinstance(raw, Mapping):
        return Answer(level=_level(raw, source, place))
    if "level" not in raw:
        raise AnswerFileError(
            source, place, "jawaban tanpa 'level'", 'Tulis mis. {"level": 2, "status": "accepted"}.'
        )
    status = raw.get("status")
    if status is not None and status not in STATUSES:
        raise AnswerFileError(
            source,
            place,
            f"status '{status}' tidak dikenal",
            "Gunakan accepted, rejected atau pending (atau hapus status).",
        )
    basis = raw.get("basis")
    return Answer(
        level=_level(raw["level"], source, place),
        basis=str(basis) if basis not in (None, "") else None,
        status=status,
        evidence=_evidence(raw["evidence"], source, place) if "evidence" in raw else None,
    )


def _answers(raw: Any, source: str, place: str, innovation: str | None) -> dict[str, Answer]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise AnswerFileError(
            source,
            place,
            f"jawaban harus berupa peta kode -> tingkat, bukan {type(raw).__name__}",
            'Tulis mis. {"16": 3, "17": 2}.',
        )
    return {
        str(code): _answer(value, source, answer_place(str(code), innovation))
        for code, value in raw.items()
    }


def _affairs(raw: Any, source: str, place: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = raw.split(";")
    if not isinstance(raw, list):
        raise AnswerFileError(
            source,
            f"{place}, affairs",
            "urusan (affairs) harus berupa daftar nama urusan",
            'Tulis mis. "affairs": ["kesehatan", "sosial"].',
        )
    return tuple(str(a).strip() for a in raw if str(a).strip())


def answers_from_dict(data: Any, *, source_name: str = "<data>") -> AnswerSet:
    """Read an answer set from plain data (parsed JSON); raise AnswerFileError on any problem."""
    if not isinstance(data, Mapping):
        raise AnswerFileError(
            source_name,
            "",
            "isi berkas bukan objek jawaban",
            'Tulis objek JSON {"rulebook": ..., "region": {...}, "innovations": [...]}.',
        )
    raw_innovations = data.get("innovations") or []
    if not isinstance(raw_innovations, list):
        raise AnswerFileError(
            source_name, "innovations", "harus berupa daftar inovasi", "Tulis [ {...}, ... ]."
        )
    innovations = []
    for i, raw in enumerate(raw_innovations):
        if not isinstance(raw, Mapping) or not str(raw.get("name") or "").strip():
            raise AnswerFileError(
                source_name,
                innovation_place(i, ""),
                "inovasi tanpa nama",
                'Beri setiap inovasi "name".',
            )
        name = str(raw["name"]).strip()
        place = innovation_place(i, name)
        words = raw.get("design_words")
        if words is not None and (
            isinstance(words, bool) or not isinstance(words, int) or words < 0
        ):
            raise AnswerFileError(
                source_name,
                f"{place}, design_words",
                f"jumlah kata rancang bangun harus bilangan bulat ≥ 0, bukan {words!r}",
                "Tulis mis. 320.",
            )
        innovations.append(
            InnovationAnswers(
                name=name,
                affairs=_affairs(raw.get("affairs"), source_name, place),
                answers=_answers(raw.get("answers"), source_name, f"{place}, answers", place),
                unit=str(raw.get("unit") or ""),
                implemented_on=_date(
                    raw.get("implemented_on"), source_name, f"{place}, implemented_on"
                ),
                developed_on=_date(raw.get("developed_on"), source_name, f"{place}, developed_on"),
                design_words=words,
            )
        )
    rulebook = data.get("rulebook")
    return AnswerSet(
        rulebook=str(rulebook) if rulebook else None,
        region=_answers(data.get("region"), source_name, "region", None),
        innovations=tuple(innovations),
        region_name=str(data.get("region_name") or ""),
    )


def _answer_dict(answer: Answer) -> Any:
    if answer.basis is None and answer.status is None and answer.evidence is None:
        return answer.level
    out: dict[str, Any] = {"level": answer.level}
    if answer.basis is not None:
        out["basis"] = answer.basis
    if answer.status is not None:
        out["status"] = answer.status
    if answer.evidence is not None:
        out["evidence"] = [
            {
                "kind": e.kind,
                **({"dated": e.dated.isoformat()} if e.dated else {}),
                **({"file_name": e.file_name} if e.file_name else {}),
            }
            for e in answer.evidence
        ]
    return out


def answers_to_dict(answers: AnswerSet) -> dict[str, Any]:
    out: dict[str, Any] = {"rulebook": answers.rulebook}
    if answers.region_name:
        out["region_name"] = answers.region_name
    out["region"] = {code: _answer_dict(a) for code, a in answers.region.items()}
    innovations = []
    for inn in answers.innovations:
        item: dict[str, Any] = {"name": inn.name, "affairs": list(inn.affairs)}
        if inn.unit:
            item["unit"] = inn.unit
        if inn.implemented_on:
            item["implemented_on"] = inn.implemented_on.isoformat()
        if inn.developed_on:
            item["developed_on"] = inn.developed_on.isoformat()
        if inn.design_words is not None:
            item["design_words"] = inn.design_words
        item["answers"] = {code: _answer_dict(a) for code, a in inn.answers.items()}
        innovations.append(item)
    out["innovations"] = innovations
    return out


def read_answers(path: str | Path) -> AnswerSet:
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from inovda.scoring.excel import read_answers_xlsx

        return read_answers_xlsx(path, source_name=path.name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AnswerFileError(
            path.name, "", f"berkas tidak dapat dibuka ({exc.strerror})", "Periksa jalurnya."
        ) from None
    except UnicodeDecodeError:
        raise AnswerFileError(
            path.name, "", "berkas bukan teks UTF-8", "Simpan sebagai JSON UTF-8 atau .xlsx."
        ) from None
    return answers_from_json(text, source_name=path.name)


def answers_from_json(text: str, *, source_name: str = "<json>") -> AnswerSet:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswerFileError(
            source_name,
            f"baris {exc.lineno}, kolom {exc.colno}",
            f"JSON tidak sah ({exc.msg})",
            "Periksa tanda kutip, koma dan kurung di sekitar tempat itu.",
        ) from None
    return answers_from_dict(data, source_name=source_name)


def write_answers(answers: AnswerSet, path: str | Path, rulebook: Rulebook | None = None) -> None:
    """Write JSON (any suffix but .xlsx) or Excel; Excel needs the rulebook for its columns.

    Without `rulebook`, an Excel file uses the bundled rulebook the answers name (or IID-2026).
    """
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from inovda.scoring.excel import write_answers_xlsx
        from inovda.scoring.rulebook import DEFAULT_RULEBOOK, get_bundled_rulebook

        if rulebook is None:
            rulebook = get_bundled_rulebook(answers.rulebook or DEFAULT_RULEBOOK)
        write_answers_xlsx(answers, rulebook, path)
        return
    path.write_text(
        json.dumps(answers_to_dict(answers), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def check_answers(rulebook: Rulebook, answers: AnswerSet, *, source_name: str = "") -> None:
    """Check answers against a rulebook; raise AnswerFileError at the first problem.

    Refused: a code the rulebook does not have, a region (SPD) code under an innovation or an
    innovation (SID) code at region level, a level outside 0-3, an unknown status, a basis the
    row does not offer.
    """
    source = source_name or answers.region_name or "jawaban"
    spd = {r.code: r for r in rulebook.spd_rows}
    sid = {r.code: r for r in rulebook.sid_rows}
    for code, answer in answers.region.items():
        place = answer_place(code, None)
        row = spd.get(code)
        if row is None:
            where = "ini indikator per inovasi" if code in sid else "tidak ada di buku aturan ini"
            raise AnswerFileError(
                source,
                place,
                f"'{code}' bukan indikator Pemda ({where})",
                f"Indikator Pemda {rulebook.name}: {', '.join(spd)}.",
            )
        _check_answer(row, answer, source, place)
    for i, inn in enumerate(answers.innovations):
        for code, answer in inn.answers.items():
            place = answer_place(code, innovation_place(i, inn.name))
            row = sid.get(code)
            if row is None:
                where = "ini indikator Pemda" if code in spd else "tidak ada di buku aturan ini"
                raise AnswerFileError(
                    source,
                    place,
                    f"'{code}' bukan indikator inovasi ({where})",
                    f"Indikator inovasi {rulebook.name}: {', '.join(sid)}.",
                )
            _check_answer(row, answer, source, place)


def _check_answer(row: Row, answer: Answer, source: str, place: str) -> None:
    if not is_level(answer.level):
        raise AnswerFileError(
            source, place, f"tingkat harus 0-3, bukan {answer.level!r}", LEVEL_FIX
        )
    if answer.status is not None and answer.status not in STATUSES:
        raise AnswerFileError(
            source,
            place,
            f"status '{answer.status}' tidak dikenal",
            "Gunakan accepted, rejected atau pending (atau hapus status).",
        )
    if answer.basis is not None and answer.basis not in {b.code for b in row.bases}:
        offered = ", ".join(b.code for b in row.bases)
        raise AnswerFileError(
            source,
            place,
            f"basis '{answer.basis}' tidak ada pada indikator {row.code}",
            f"Basis yang tersedia: {offered}." if offered else "Hapus basis dari jawaban ini.",
        )
