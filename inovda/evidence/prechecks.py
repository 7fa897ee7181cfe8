"""Pre-checks that warn (never block): what a national verifier would notice in a file.

- a PDF with no text layer (a scan): the verifier cannot search it and metadata cannot be read;
- the same file (same SHA-256) already used elsewhere in the region;
- the document's own number, date, subject and signer, read from the text layer, for the
  operator to confirm.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import IO

from pypdf import PdfReader

MONTHS = {
    "januari": 1, "februari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "agustus": 8, "september": 9, "oktober": 10, "november": 11, "desember": 12,
}  # fmt: skip
NUMBER = re.compile(r"\bNOMOR\s*:?\s*([0-9A-Z][\w./\-]*(?:\s+TAHUN\s+\d{4})?)", re.IGNORECASE)
DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
SUBJECT = re.compile(r"\bTENTANG\s+(.{5,300}?)(?:\n\s*\n|DENGAN RAHMAT|Menimbang|$)", re.I | re.S)
SIGNER = re.compile(
    r"^\s*((?:BUPATI|WALI ?KOTA|GUBERNUR|KEPALA)[^\n,]{0,80}),?\s*\n+\s*(?:ttd\.?\s*\n+\s*)?"
    r"([A-Z][A-Za-z.,' ]{3,80})\s*$",
    re.MULTILINE,
)
MIN_TEXT = 20


@dataclass(frozen=True)
class DocumentFacts:
    has_text: bool
    number: str = ""
    date: dt.date | None = None
    subject: str = ""
    signer: str = ""


def pdf_text(source: IO[bytes], max_pages: int = 5) -> str:
    source.seek(0)
    reader = PdfReader(source, strict=False)
    parts = []
    for page in reader.pages[:max_pages]:
        try:
            parts.append(page.extract_text() or "")
        except Exception:
            parts.append("")
    source.seek(0)
    return "\n".join(parts)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


def mentions(text: str, *names: str) -> bool:
    """Whether any of the names (e.g. a unit's name or abbreviation) appears in the text."""
    haystack = f" {_words(text)} "
    return any(f" {_words(n)} " in haystack for n in names if _words(n))


def read_facts(text: str) -> DocumentFacts:
    if len(text.strip()) < MIN_TEXT:
        return DocumentFacts(has_text=False)
    number = NUMBER.search(text)
    subject = SUBJECT.search(text)
    signer = SIGNER.search(text)
    date = None
    for day, month, year in DATE.findall(text):
        try:
            date = dt.date(int(year), MONTHS[month.lower()], int(day))
        except ValueError:
            continue
    return DocumentFacts(
        has_text=True,
        number=number.group(1).strip() if number else "",
        date=date,  # the last date in the text: usually the date it was set (ditetapkan)
        subject=" ".join(subject.group(1).split())[:300] if subject else "",
        signer=f"{' '.join(signer.group(1).split())} — {signer.group(2).strip()}" if signer else "",
    )


def shrink_pdf(source: IO[bytes], dest: IO[bytes]) -> int:
    """Write a smaller copy (content streams compressed, duplicate objects merged); its size.

    For the national portal's size limits: the original stays as uploaded, the copy is offered
    for download when it is clearly smaller.
    """
    from pypdf import PdfWriter

    source.seek(0)
    writer = PdfWriter(clone_from=PdfReader(source, strict=False))
    for page in writer.pages:
        page.compress_content_streams(level=9)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    writer.write(dest)
    return dest.tell()
