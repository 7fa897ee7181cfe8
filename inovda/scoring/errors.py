"""Errors that name the file, the place in it and the fix, in Indonesian, for the person to act.

Every error reads `"{file}: {place}: {problem}. {fix}"`, one line, e.g.
`iid-2026.yaml: rows[3].weight: bobot harus angka positif, bukan 'dua'. Tulis mis. 1.5`.
"""

from __future__ import annotations

__all__ = [
    "CONSTANT_LABELS",
    "AnswerFileError",
    "IncompleteRulebookError",
    "RulebookError",
    "ScoringInputError",
    "unreadable_file",
]

# What each formula constant means, for people reading an error or a form.
CONSTANT_LABELS = {
    "divisor_floor": "pembagi minimum SID (MAX(pembagi, n))",
    "count_score_per_innovation": "nilai per inovasi pada skor jumlah inovasi",
    "count_score_cap": "batas jumlah inovasi yang dihitung pada skor jumlah inovasi",
    "basic_service_min": "jumlah minimum urusan pelayanan dasar yang harus tercakup",
    "max_total": "skor total maksimum",
}


class ScoringInputError(ValueError):
    """Base: a rulebook or answer file that cannot be used as it is."""

    def __init__(self, source_name: str, place: str, problem: str, fix: str = "") -> None:
        self.source_name = source_name
        self.place = place
        self.problem = problem
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.source_name}: {self.place}: " if self.place else f"{self.source_name}: "
        text = f"{where}{self.problem}."
        return f"{text} {self.fix}" if self.fix else text


class RulebookError(ScoringInputError):
    """A rulebook that does not follow the format or contradicts itself."""


class IncompleteRulebookError(RulebookError):
    """A rulebook whose formula constants are not known: it refuses to score, never guesses."""

    def __init__(self, source_name: str, missing: tuple[str, ...]) -> None:
        self.missing = missing
        names = "; ".join(f"{name} ({CONSTANT_LABELS.get(name, name)})" for name in missing)
        super().__init__(
            source_name,
            "constants",
            f"konstanta rumus belum diketahui untuk tahun ini: {names}",
            "Isi nilainya dari surat resmi BSKDN: di baris perintah dengan "
            + " ".join(f"--constant {name}=NILAI" for name in missing)
            + ", atau ubah buku aturan di aplikasi.",
        )


class AnswerFileError(ScoringInputError):
    """An answer file (JSON or Excel) that cannot be read against its rulebook."""


def unreadable_file(source_name: str, exc: BaseException) -> AnswerFileError:
    """A file that broke while being read (a damaged .xlsx: zip, XML): one line, no traceback."""
    return AnswerFileError(
        source_name,
        "",
        f"berkas tidak dapat dibaca ({type(exc).__name__}: {exc})",
        "Simpan ulang sebagai .xlsx dari templat, atau sebagai JSON.",
    )
