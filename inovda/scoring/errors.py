"""Errors that name the file, the place in it and the fix, in Indonesian, for the person to act."""

from __future__ import annotations


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
        names = ", ".join(missing)
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
