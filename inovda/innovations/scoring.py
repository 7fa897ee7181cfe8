"""The adapter between the register (reports, answers) and the pure scoring engine."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from inovda.innovations.models import Answer, Period, Report
from inovda.methodology.adapters import rulebook_of
from inovda.scoring import AnswerSet, InnovationAnswers, ScoreResult, score
from inovda.scoring.analysis import fixes_first
from inovda.scoring.types import Answer as ScoredAnswer


def _answer(row: Answer, *, verified: bool) -> ScoredAnswer:
    files = list(row.evidence.all())  # prefetched
    if verified:
        level = row.approved_level if row.status == Answer.Status.ACCEPTED else 0
        return ScoredAnswer(level=level or 0, basis=row.basis or None)
    # No file at all is known for certain ("()"); the kinds of attached files are not (None).
    return ScoredAnswer(
        level=row.claimed_level, basis=row.basis or None, evidence=() if not files else None
    )


def period_answer_set(period: Period, *, verified: bool = False) -> AnswerSet:
    """The period's answers as the engine reads them: claimed, or verified (approved only)."""
    answers = (
        Answer.objects.filter(period=period)
        .prefetch_related("evidence")
        .only("report_id", "row_code", "claimed_level", "approved_level", "status", "basis")
    )
    region: dict[str, ScoredAnswer] = {}
    by_report: dict[int, dict[str, ScoredAnswer]] = defaultdict(dict)
    for row in answers:
        if row.report_id is None:
            region[row.row_code] = _answer(row, verified=verified)
        else:
            by_report[row.report_id][row.row_code] = _answer(row, verified=verified)
    reports = Report.objects.filter(period=period).select_related("innovation__unit")
    innovations = tuple(
        InnovationAnswers(
            name=r.innovation.name,
            unit=r.innovation.unit.name,
            affairs=(r.main_affair, *r.other_affairs),
            answers=by_report.get(r.pk, {}),
            implemented_on=r.implemented_on,
            developed_on=r.developed_on,
            design_words=r.design_words,
        )
        for r in reports
    )
    return AnswerSet(
        rulebook=period.rulebook_version.rulebook.name,
        region=region,
        innovations=innovations,
        region_name=str(period.region),
    )


def period_scores(period: Period, *, with_fixes: bool = False) -> dict[str, Any]:
    """Self (claimed) and verified IID of a period, or the reason they cannot be computed.

    `with_fixes`: also the ten answers whose improvement gains the most IID (gap analysis).
    """
    rulebook = rulebook_of(period.rulebook_version)
    try:
        claimed_set = period_answer_set(period)
        claimed: ScoreResult = score(rulebook, claimed_set)
        verified: ScoreResult = score(rulebook, period_answer_set(period, verified=True))
    except ValueError as exc:  # an incomplete rulebook refuses to score, with its reason
        return {"error": str(exc)}
    return {
        "claimed": claimed,
        "verified": verified,
        "fixes": fixes_first(rulebook, claimed_set, limit=10) if with_fixes else [],
    }


def innovation_points(report: Report, rows: list[Any] | None = None) -> tuple[Any, Any]:
    """The claimed points of one innovation (and its maximum) under the period's rulebook.

    `rows`: the report's answers when the caller already loaded them (saves a query), or
    unsaved ones (anything with row_code, claimed_level and basis) for a live preview.
    """
    rulebook = rulebook_of(report.period.rulebook_version)
    answers = {
        a.row_code: ScoredAnswer(level=a.claimed_level, basis=a.basis or None)
        for a in (report.answers.all() if rows is None else rows)
    }
    one = AnswerSet(
        rulebook=rulebook.name,
        innovations=(InnovationAnswers(report.innovation.name, answers=answers),),
    )
    result = score(rulebook, one) if not rulebook.constants.missing() else None
    if result is None:
        return None, None
    return result.innovations[0].points, result.innovations[0].max_points
