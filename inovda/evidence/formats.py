"""Which file formats may prove which indicator: office documents only where the methodology
says so.

Uploads accept PDF, JPEG/PNG and office documents (Word, Excel, PowerPoint) for any unit: a unit
keeps its working files in one place. What may be *attached to an answer* is narrower. The
rulebook lists, per parameter, the document kinds that prove it (`perda`, `laporan`, `foto`,
`screenshot` ...: see `inovda/scoring/rulebook.schema.json`); none of those kinds is an office
format, and the national portal takes PDF and images. So an office document is accepted for a
row only when the rulebook's own text for that row (its description or a parameter's text)
names an office format ("Excel", "xlsx", "dokumen Office" ...). No row of the bundled rulebooks
(2023, 2026, draft 2027) does, so today office documents are refused for every answer; a
rulebook clone that names them for a row opens that row, with no code change.

The refusal happens when a file is attached (`inovda.evidence.signals`), whatever page or
command attaches it; files attached before this rule show a warning instead
(`inovda.evidence.warnings`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

OFFICE_KINDS = frozenset({"docx", "xlsx", "pptx"})
OFFICE_LABELS = {"docx": "Word", "xlsx": "Excel", "pptx": "PowerPoint"}
OFFICE_WORDS = re.compile(
    r"\b(excel|xlsx|xls|docx|doc|pptx|ppt|powerpoint|ms\.?\s*word|microsoft\s+word|"
    r"dokumen\s+office|berkas\s+office|lembar\s+kerja|spreadsheet)\b",
    re.IGNORECASE,
)


def office_allowed(row: Any) -> bool:
    """Whether the rulebook row's own text names an office format (see the module docstring)."""
    texts = [row.description or "", *(p.text for p in row.parameters)]
    for basis in row.bases:
        texts += [basis.measure, *(p.text for p in basis.parameters)]
    return any(OFFICE_WORDS.search(text) for text in texts)


def office_refusal(row: Any, files: Iterable[Any], rulebook_name: str) -> str | None:
    """The Indonesian reason an office file may not prove this row, or None when all may."""
    if office_allowed(row):
        return None
    refused = [f for f in files if f.kind in OFFICE_KINDS]
    if not refused:
        return None
    first = refused[0]
    return _(
        "%(file)s adalah dokumen %(label)s: %(rulebook)s tidak menyebut dokumen Office untuk "
        "indikator %(row)s, dan portal nasional menerima PDF atau gambar. Simpan dokumennya "
        "sebagai PDF (File › Save As › PDF), unggah, lalu pilih PDF-nya."
    ) % {
        "file": first.original_name,
        "label": OFFICE_LABELS.get(first.kind, first.kind),
        "rulebook": rulebook_name,
        "row": row.code,
    }
