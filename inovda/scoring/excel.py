"""Excel answer files: the same content as the JSON format, laid out for people to fill.

Sheet "Pemda": one line per region row (kode, indikator, bobot, P1-P3, tingkat, status).
Sheet "Inovasi": one line per innovation, one column per innovation row ("16" ... "35"), plus
"33 basis" and a status sheet is not needed: a rejected answer is written as "2 ditolak".
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from inovda.scoring.answers import STATUS_LABELS
from inovda.scoring.errors import AnswerFileError, ScoringInputError, unreadable_file
from inovda.scoring.types import Answer, AnswerSet, InnovationAnswers, Rulebook

__all__ = ["answers_template", "read_answers_xlsx", "write_answers_xlsx"]

REGION_SHEET = "Pemda"
INNOVATION_SHEET = "Inovasi"
GUIDE_SHEET = "Petunjuk"
FIXED_COLUMNS = (
    "Nama inovasi",
    "Unit",
    "Urusan (pisahkan dengan ;)",
    "Tanggal penerapan",
    "Tanggal pengembangan",
    "Jumlah kata rancang bangun",
)
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F6F5C")
STATUS_WORDS = {label: status for status, label in STATUS_LABELS.items()}


def _header(ws: Worksheet, values: list[str], widths: list[int]) -> None:
    ws.append(values)
    for i, width in enumerate(widths, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "B2"


def _cell_text(answer: Answer | None) -> Any:
    if answer is None:
        return None
    if answer.status and answer.status != "accepted":
        return f"{answer.level} {STATUS_LABELS[answer.status]}"
    return answer.level


def _workbook(rulebook: Rulebook, answers: AnswerSet | None) -> Workbook:
    wb = Workbook()
    guide = wb.worksheets[0]
    guide.title = GUIDE_SHEET
    for line in (
        f"Berkas jawaban {rulebook.title} — buku aturan {rulebook.name} versi {rulebook.version}",
        "",
        "Isi tingkat setiap indikator: 1 = P1, 2 = P2, 3 = P3, 0 atau kosong = belum dijawab.",
        "Jawaban yang ditolak verifikator ditulis dengan kata 'ditolak', mis. '2 ditolak'.",
        "Lembar 'Pemda': indikator tingkat Pemda (sekali per Pemda).",
        "Lembar 'Inovasi': satu baris per inovasi, satu kolom per indikator inovasi.",
        "Indikator 33 memakai satu dasar (a-f): tulis hurufnya di kolom '33 basis'.",
        "Hitung dengan: inovda score berkas.xlsx",
    ):
        guide.append([line])
    guide.column_dimensions["A"].width = 100
    guide["A1"].font = Font(bold=True, size=13)

    ws = wb.create_sheet(REGION_SHEET)
    _header(
        ws,
        ["Kode", "Indikator", "Bobot", "P1", "P2", "P3", "Tingkat (0-3)", "Status"],
        [7, 45, 7, 30, 30, 30, 12, 12],
    )
    level_dv = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2="3",
        allow_blank=True,
        showErrorMessage=True,
        error="Tingkat harus 0, 1, 2 atau 3.",
    )
    status_dv = DataValidation(
        type="list", formula1='"diterima,ditolak,menunggu"', allow_blank=True
    )
    ws.add_data_validation(level_dv)
    ws.add_data_validation(status_dv)
    for row in rulebook.spd_rows:
        answer = answers.region.get(row.code) if answers else None
        ws.append(
            [
                row.code,
                row.name,
                float(row.weight),
                *(p.text for p in row.parameters),
                answer.level if answer else None,
                STATUS_LABELS.get(answer.status or "") if answer else None,
            ]
        )
    last = ws.max_row
    level_dv.add(f"G2:G{last}")
    status_dv.add(f"H2:H{last}")

    ws = wb.create_sheet(INNOVATION_SHEET)
    codes = [r.code for r in rulebook.sid_rows]
    columns = [*FIXED_COLUMNS, *codes, "33 basis"]
    _header(ws, columns, [32, 24, 30, 14, 14, 12, *([6] * len(codes)), 9])
    for inn in answers.innovations if answers else ():
        benefit = inn.answers.get("33")
        basis = benefit.basis if benefit is not None else None
        ws.append(
            [
                inn.name,
                inn.unit,
                "; ".join(inn.affairs),
                inn.implemented_on,
                inn.developed_on,
                inn.design_words,
                *(_cell_text(inn.answers.get(code)) for code in codes),
                basis,
            ]
        )
    first = len(FIXED_COLUMNS) + 1
    rng = f"{get_column_letter(first)}2:{get_column_letter(first + len(codes) - 1)}1000"
    text_dv = DataValidation(
        type="custom",
        formula1="TRUE",
        allow_blank=True,
        promptTitle="Tingkat",
        prompt="0-3, atau mis. '2 ditolak'",
    )
    ws.add_data_validation(text_dv)
    text_dv.add(rng)
    return wb


def answers_template(rulebook: Rulebook, answers: AnswerSet | None = None) -> bytes:
    """An .xlsx to fill (empty, or holding the given answers)."""
    buffer = io.BytesIO()
    _workbook(rulebook, answers).save(buffer)
    return buffer.getvalue()


def write_answers_xlsx(
    answers: AnswerSet, rulebook: Rulebook, dest: str | Path | IO[bytes]
) -> None:
    _workbook(rulebook, answers).save(dest)


def _parse_answer(value: Any, source: str, place: str) -> Answer | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    status = None
    if isinstance(value, str):
        parts = value.strip().lower().split()
        if len(parts) == 2 and parts[1] in STATUS_WORDS:
            status = STATUS_WORDS[parts[1]]
            value = parts[0]
        else:
            value = parts[0] if len(parts) == 1 else value
    try:
        level = int(float(value))
        if float(value) != level:
            raise ValueError
    except (TypeError, ValueError):
        raise AnswerFileError(
            source, place, f"'{value}' bukan tingkat", "Tulis 0, 1, 2 atau 3 (atau '2 ditolak')."
        ) from None
    if not 0 <= level <= 3:
        raise AnswerFileError(
            source, place, f"tingkat harus 0-3, bukan {level}", "Gunakan 0 jika belum dijawab."
        )
    return Answer(level=level, status=status)  # type: ignore[arg-type]  # checked above


def _date(value: Any, source: str, place: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise AnswerFileError(
            source, place, f"'{value}' bukan tanggal", "Tulis TTTT-BB-HH atau format tanggal Excel."
        ) from None


def read_answers_xlsx(source: str | Path | IO[bytes], *, source_name: str = "<xlsx>") -> AnswerSet:
    try:
        wb = load_workbook(source, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise AnswerFileError(
            source_name,
            "",
            "berkas bukan buku kerja Excel (.xlsx) yang sah",
            "Unduh templat dari aplikasi atau simpan ulang sebagai .xlsx.",
        ) from None
    try:
        return _read_workbook(wb, source_name)
    except ScoringInputError:
        raise
    except Exception as exc:  # read-only sheets are parsed only now: a damaged one fails here
        raise unreadable_file(source_name, exc) from None
    finally:
        wb.close()


def _read_workbook(wb: Any, source_name: str) -> AnswerSet:
    for sheet in (REGION_SHEET, INNOVATION_SHEET):
        if sheet not in wb.sheetnames:
            raise AnswerFileError(
                source_name, sheet, f"lembar '{sheet}' tidak ada", "Gunakan templat dari aplikasi."
            )
    guide = wb[GUIDE_SHEET]["A1"].value if GUIDE_SHEET in wb.sheetnames else ""
    rulebook_name = None
    if guide and "buku aturan " in str(guide):
        rulebook_name = str(guide).split("buku aturan ", 1)[1].split(" ", 1)[0]

    region: dict[str, Answer] = {}
    for r, row in enumerate(wb[REGION_SHEET].iter_rows(min_row=2, values_only=True), start=2):
        if not row or row[0] is None:
            continue
        code = str(row[0]).strip()
        level_cell = row[6] if len(row) > 6 else None
        status_cell = row[7] if len(row) > 7 else None
        text = level_cell
        if status_cell and str(status_cell).strip().lower() in STATUS_WORDS:
            text = f"{level_cell} {str(status_cell).strip().lower()}"
        answer = _parse_answer(text, source_name, f"{REGION_SHEET}!G{r}")
        if answer is not None:
            region[code] = answer

    ws = wb[INNOVATION_SHEET]
    rows = ws.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    codes = header[len(FIXED_COLUMNS) :]
    innovations = []
    for r, row in enumerate(rows, start=2):
        if not row or not row[0] or not str(row[0]).strip():
            continue
        answers: dict[str, Answer] = {}
        basis = None
        for i, code in enumerate(codes):
            col = len(FIXED_COLUMNS) + i
            value = row[col] if col < len(row) else None
            if code == "33 basis":
                basis = str(value).strip().lower() if value else None
                continue
            answer = _parse_answer(
                value, source_name, f"{INNOVATION_SHEET}!{get_column_letter(col + 1)}{r}"
            )
            if answer is not None:
                answers[code] = answer
        if basis and "33" in answers:
            answers["33"] = Answer(
                level=answers["33"].level, basis=basis, status=answers["33"].status
            )
        words = row[5] if len(row) > 5 else None
        try:
            design_words = int(str(words)) if words not in (None, "") else None
        except (TypeError, ValueError):
            raise AnswerFileError(
                source_name,
                f"{INNOVATION_SHEET}!F{r}",
                f"'{words}' bukan jumlah kata",
                "Tulis angka.",
            ) from None
        innovations.append(
            InnovationAnswers(
                name=str(row[0]).strip(),
                unit=str(row[1] or "").strip(),
                affairs=tuple(a.strip() for a in str(row[2] or "").split(";") if a.strip()),
                implemented_on=_date(row[3], source_name, f"{INNOVATION_SHEET}!D{r}"),
                developed_on=_date(row[4], source_name, f"{INNOVATION_SHEET}!E{r}"),
                design_words=design_words,
                answers=answers,
            )
        )
    return AnswerSet(rulebook=rulebook_name, region=region, innovations=tuple(innovations))
