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
from inovda.scoring.types import Answer, AnswerSet, Evidence, InnovationAnswers, Rulebook

__all__ = [
    "AnswerFileError",
    "answers_from_dict",
    "answers_to_dict",
    "check_answers",
    "read_answers",
    "write_answers",
]

STATUSES = ("accepted", "rejected", "pending")


def _level(value: Any, source: str, place: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3:
        raise AnswerFileError(
            source,
            place,
            f"tingkat harus 0-3, bukan {value!r}",
            "Gunakan 1, 2 atau 3 untuk P1-P3, dan 0 jika belum dijawab.",
        )
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


def _answer(raw: Any, source: str, place: str) -> Answer:
    if not isinstance(raw, Mapping):
        return Answer(level=_level(raw, source, place))
    if "level" not in raw:
        raise AnswerFileError(source, place, "jawaban tanpa 'level'", 'Tulis mis. {"level": 2}.')
    status = raw.get("status")
    if status is not None and status not in STATUSES:
        raise AnswerFileError(
            source,
            f"{place}.status",
            f"status '{status}' tidak dikenal",
            "Gunakan accepted, rejected atau pending.",
        )
    evidence = None
    if "evidence" in raw:
        items = raw["evidence"]
        if not isinstance(items, list):
            raise AnswerFileError(
                source, f"{place}.evidence", "bukti harus berupa daftar", 'Tulis [{"kind": ...}].'
            )
        evidence = tuple(
            Evidence(
                kind=str(item.get("kind", "dokumen_lain")),
                dated=_date(item.get("dated"), source, f"{place}.evidence[{i}].dated"),
                file_name=str(item.get("file_name", "")),
            )
            for i, item in enumerate(items)
        )
    basis = raw.get("basis")
    return Answer(
        level=_level(raw["level"], source, f"{place}.level"),
        basis=str(basis) if basis is not None else None,
        status=status,
        evidence=evidence,
    )


def _answers(raw: Any, source: str, place: str) -> dict[str, Answer]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise AnswerFileError(
            source, place, "jawaban harus berupa peta kode -> tingkat", 'Tulis mis. {"16": 3}.'
        )
    return {str(code): _answer(value, source, f"{place}.{code}") for code, value in raw.items()}


def answers_from_dict(data: Any, *, source_name: str = "<data>") -> AnswerSet:
    if not isinstance(data, Mapping):
        raise AnswerFileError(
            source_name, "", "isi berkas bukan objek jawaban", "Lihat docs/scoring.md."
        )
    raw_innovations = data.get("innovations", [])
    if not isinstance(raw_innovations, list):
        raise AnswerFileError(
            source_name, "innovations", "harus berupa daftar inovasi", "Tulis [ {...}, ... ]."
        )
    innovations = []
    for i, raw in enumerate(raw_innovations):
        place = f"innovations[{i}]"
        if not isinstance(raw, Mapping) or not str(raw.get("name", "")).strip():
            raise AnswerFileError(
                source_name, place, "inovasi tanpa nama", 'Beri setiap inovasi "name".'
            )
        affairs = raw.get("affairs", [])
        if isinstance(affairs, str):
            affairs = [a for a in affairs.split(";")]
        words = raw.get("design_words")
        if words is not None and (not isinstance(words, int) or words < 0):
            raise AnswerFileError(
                source_name,
                f"{place}.design_words",
                f"jumlah kata harus bilangan bulat ≥ 0, bukan {words!r}",
                "Tulis mis. 320.",
            )
        innovations.append(
            InnovationAnswers(
                name=str(raw["name"]).strip(),
                affairs=tuple(str(a).strip() for a in affairs if str(a).strip()),
                answers=_answers(raw.get("answers"), source_name, f"{place}.answers"),
                unit=str(raw.get("unit", "") or ""),
                implemented_on=_date(
                    raw.get("implemented_on"), source_name, f"{place}.implemented_on"
                ),
                developed_on=_date(raw.get("developed_on"), source_name, f"{place}.developed_on"),
                design_words=words,
            )
        )
    rulebook = data.get("rulebook")
    return AnswerSet(
        rulebook=str(rulebook) if rulebook else None,
        region=_answers(data.get("region"), source_name, "region"),
        innovations=tuple(innovations),
        region_name=str(data.get("region_name", "") or ""),
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
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from inovda.scoring.excel import write_answers_xlsx

        if rulebook is None:
            raise ValueError("an Excel answer file needs its rulebook")
        write_answers_xlsx(answers, rulebook, path)
        return
    path.write_text(
        json.dumps(answers_to_dict(answers), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def check_answers(rulebook: Rulebook, answers: AnswerSet, *, source_name: str = "") -> None:
    """Every code must be a row of the right scope; every basis one the row offers."""
    source = source_name or "jawaban"
    spd = {r.code: r for r in rulebook.spd_rows}
    sid = {r.code: r for r in rulebook.sid_rows}
    for code in answers.region:
        if code not in spd:
            where = "per inovasi" if code in sid else "di buku aturan ini"
            raise AnswerFileError(
                source,
                f"region.{code}",
                f"'{code}' bukan indikator Pemda ({where})",
                f"Indikator Pemda {rulebook.name}: {', '.join(spd)}.",
            )
    for i, inn in enumerate(answers.innovations):
        for code, answer in inn.answers.items():
            place = f"innovations[{i}] '{inn.name}'.{code}"
            row = sid.get(code)
            if row is None:
                where = "tingkat Pemda" if code in spd else "di buku aturan ini"
                raise AnswerFileError(
                    source,
                    place,
                    f"'{code}' bukan indikator inovasi ({where})",
                    f"Indikator inovasi {rulebook.name}: {', '.join(sid)}.",
                )
            if answer.basis is not None and answer.basis not in {b.code for b in row.bases}:
                offered = ", ".join(b.code for b in row.bases) or "tidak ada"
                raise AnswerFileError(
                    source,
                    f"{place}.basis",
                    f"basis '{answer.basis}' tidak ada pada indikator {code}",
                    f"Basis yang tersedia: {offered}.",
                )
