"""Answer sets for tests, built to hit exact published numbers under the 2026 weights."""

from __future__ import annotations

from inovda.scoring import get_bundled_rulebook
from inovda.scoring.types import Answer, AnswerSet, InnovationAnswers, Rulebook

BASIC_SERVICES = (
    "pendidikan",
    "kesehatan",
    "pekerjaan umum dan penataan ruang",
    "perumahan rakyat dan kawasan permukiman",
    "ketenteraman, ketertiban umum, dan perlindungan masyarakat",
    "sosial",
)


def rulebook_2026() -> Rulebook:
    return get_bundled_rulebook("IID-2026")


def region_answers_worth_40() -> dict[str, Answer]:
    """Every 2026 region row at P2 (42 points) but indicator 12 (weight 2) at P1: 40."""
    answers = {r.code: Answer(level=2) for r in rulebook_2026().spd_rows}
    answers["12"] = Answer(level=1)
    return answers


def innovation_worth_70(name: str, affairs: tuple[str, ...] = ()) -> InnovationAnswers:
    """Every 2026 innovation row at P2 (74 points) but the video (weight 4) at P1: 70."""
    answers = {r.code: Answer(level=2) for r in rulebook_2026().sid_rows}
    answers["35"] = Answer(level=1)
    return InnovationAnswers(name=name, affairs=affairs, answers=answers)


def spec_example(affair_count: int) -> AnswerSet:
    """SPD 40, 20 innovations of 70 points, covering `affair_count` basic-service affairs."""
    innovations = tuple(
        innovation_worth_70(
            f"Inovasi {i + 1}", (BASIC_SERVICES[i],) if i < affair_count else ("pariwisata",)
        )
        for i in range(20)
    )
    return AnswerSet(rulebook="IID-2026", region=region_answers_worth_40(), innovations=innovations)
