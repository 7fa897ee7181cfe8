"""The adapter between the register (reports, answers) and the pure scoring engine."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from inovda.innovations.models import Answer, Period, Report
from inovda.methodology.adapters import rulebook_of
from inovda.scoring import AnswerSet, InnovationAnswers, ScoreResult, score
from inovda.scoring.analysis import fixes_first
from inovda.scoring.types import Answer as ScoredAnswer


def period_answer_sets(period: Period) -> tuple[AnswerSet, AnswerSet]:
    """The period's answers as the engine reads them, claimed and verified, in three queries.

    Claimed: the operator's levels; an answer with no file at all is known to lack evidence
    (`()`), one with files has kinds the engine cannot see (None). Verified: the approved level
    of accepted answers only, every other answer counts 0.
    """
    rows = Answer.objects.filter(period=period).values_list(
        "pk", "report_id", "row_code", "claimed_level", "approved_level", "status", "basis"
    )
    with_files = set(
        Answer.evidence.through.objects.filter(answer__period=period).values_list(
            "answer_id", flat=True
        )
    )
    accepted = Answer.Status.ACCEPTED
    claimed_region: dict[str, ScoredAnswer] = {}
    verified_region: dict[str, ScoredAnswer] = {}
    claimed_by: dict[int, dict[str, ScoredAnswer]] = defaultdict(dict)
    verified_by: dict[int, dict[str, ScoredAnswer]] = defaultdict(dict)
    for pk, report_id, code, level, approved, status, basis in rows.iterator(chunk_size=5000):
        claimed = ScoredAnswer(
            level=level, basis=basis or None, evidence=None if pk in with_files else ()
        )
        verified = ScoredAnswer(
            level=(approved or 0) if status == accepted else 0, basis=basis or None
        )
        if report_id is None:
            claimed_region[code], verified_region[code] = claimed, verified
        else:
            claimed_by[report_id][code], verified_by[report_id][code] = claimed, verified
    reports = list(
        Report.objects.filter(period=period)
        .select_related("innovation__unit")
        .only(
            "pk",
            "main_affair",
            "other_affairs",
            "implemented_on",
            "developed_on",
            "design",
            "innovation__name",
            "innovation__unit__name",
        )
    )

    def answer_set(region: dict[str, ScoredAnswer], by: dict[int, dict[str, ScoredAnswer]]):
        return AnswerSet(
            rulebook=period.rulebook_version.rulebook.name,
            region=region,
            innovations=tuple(
                InnovationAnswers(
                    name=r.innovation.name,
                    unit=r.innovation.unit.name,
                    affairs=(r.main_affair, *r.other_affairs),
                    answers=by.get(r.pk, {}),
                    implemented_on=r.implemented_on,
                    developed_on=r.developed_on,
                    design_words=r.design_words,
                )
                for r in reports
            ),
            region_name=str(period.region),
        )

    return answer_set(claimed_region, claimed_by), answer_set(verified_region, verified_by)


def period_scores(period: Period, *, with_fixes: bool = False) -> dict[str, Any]:
    """Self (claimed) and verified IID of a period, or the reason they cannot be computed.

    `with_fixes`: also the ten answers whose improvement gains the most IID (gap analysis).
    """
    rulebook = rulebook_of(period.rulebook_version)
    try:
        claimed_set, verified_set = period_answer_sets(period)
        claimed: ScoreResult = score(rulebook, claimed_set)
        verified: ScoreResult = score(rulebook, verified_set)
    except ValueError as exc:  # an incomplete rulebook refuses to score, with its reason
        return {"error": str(exc)}
    return {
        "claimed": claimed,
        "verified": verified,
        "fixes": fixes_first(rulebook, claimed_set, limit=10, base=claimed) if with_fixes else [],
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
