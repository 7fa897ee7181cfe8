"""The IID formula, exactly as the rulebook's constants say, with one rounding point.

    SPD   = sum of the region rows' points (weight x level; 0 when unanswered or rejected)
    SID   = (sum over innovations of their rows' points) / MAX(divisor_floor, n) + count score
    count = MIN(n, count_score_cap) x count_score_per_innovation, or 0 when the innovations cover
            fewer than basic_service_min of the basic-service affairs
    IID   = (SPD + SID) / max_total x 100, rounded half up to 2 decimals, then its band

Self (claimed) and verified scores are the same computation on different answer sets: an answer
with status "rejected" scores 0. `claimed_iid` is the score as if nothing were rejected.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, localcontext

from inovda.scoring.answers import LEVEL_FIX, STATUSES, is_level
from inovda.scoring.errors import AnswerFileError
from inovda.scoring.rulebook import require_complete
from inovda.scoring.types import (
    Answer,
    AnswerSet,
    Band,
    InnovationScore,
    Row,
    RowScore,
    Rulebook,
    ScoreResult,
)

__all__ = ["covered_affairs", "normalize_affair", "predicate_for", "score"]

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")
ZERO = Decimal(0)
PRECISION = 40
_SPACES = re.compile(r"\s+")


def normalize_affair(name: str) -> str:
    """Affairs (urusan) compare without case; 'perlindungan' is a common spelling of the law's."""
    text = _SPACES.sub(" ", name.casefold()).strip()
    return text.replace("perlindungan", "pelindungan")


def covered_affairs(rulebook: Rulebook, affairs: Iterable[str]) -> tuple[str, ...]:
    """The rulebook's basic-service affairs found among the given affairs, in rulebook order."""
    given = {normalize_affair(a) for a in affairs}
    return tuple(
        a for a in rulebook.constants.basic_service_affairs if normalize_affair(a) in given
    )


def predicate_for(rulebook: Rulebook, iid: Decimal) -> Band:
    value = iid.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    for band in rulebook.bands:
        if band.lower <= value <= band.upper:
            return band
    # Outside every band (only possible with a hand-made rulebook): the nearest end.
    return rulebook.bands[0] if value > rulebook.bands[0].upper else rulebook.bands[-1]


class _Table:
    """Per rulebook: points per (row, level) and interned RowScore values.

    Row scores are immutable values with few distinct states, so the nation's 600,000 of them
    share a few hundred objects instead of being built one by one.
    """

    def __init__(self, rulebook: Rulebook) -> None:
        self.rows: dict[str, Row] = {r.code: r for r in rulebook.rows}
        self.spd_codes = tuple(r.code for r in rulebook.spd_rows)
        self.sid_codes = tuple(r.code for r in rulebook.sid_rows)
        self.points = {
            (r.code, level): r.weight * level for r in rulebook.rows for level in range(4)
        }
        self.sid_max = sum((r.max_points for r in rulebook.sid_rows), ZERO)
        self.spd_max = sum((r.max_points for r in rulebook.spd_rows), ZERO)
        self.interned: dict[tuple[object, ...], RowScore] = {}
        # Claimed points (as if not rejected) of each interned RowScore, by its identity.
        self.claimed: dict[int, Decimal] = {}
        self.missing = {code: self.row_score(code, None) for code in self.rows}

    def row_score(self, code: str, answer: Answer | None) -> RowScore:
        if answer is None:
            key: tuple[object, ...] = (code, 0, None, None)
        else:
            key = (code, answer.level, answer.status, answer.basis)
        found = self.interned.get(key)
        if found is None:
            row = self.rows[code]
            claimed = answer.level if answer else 0
            if answer is not None:
                _check(code, answer)
            counted = 0 if answer is not None and answer.status == "rejected" else claimed
            found = RowScore(
                code=code,
                weight=row.weight,
                claimed_level=claimed,
                level=counted,
                points=self.points[(code, counted)],
                max_points=row.max_points,
                status=answer.status if answer else None,
                basis=answer.basis if answer else None,
            )
            self.interned[key] = found
            self.claimed[id(found)] = self.points[(code, claimed)]
        return found


def _check(code: str, answer: Answer) -> None:
    """Answers built in code skip the file checks; refuse what would score nonsense."""
    if not is_level(answer.level):
        raise AnswerFileError(
            "jawaban", f"jawaban '{code}'", f"tingkat harus 0-3, bukan {answer.level!r}", LEVEL_FIX
        )
    if answer.status not in (None, *STATUSES):
        raise AnswerFileError(
            "jawaban",
            f"jawaban '{code}'",
            f"status '{answer.status}' tidak dikenal",
            "Gunakan accepted, rejected atau pending.",
        )


_tables_by_id: dict[int, tuple[weakref.ref[Rulebook], _Table]] = {}


def _table(rulebook: Rulebook) -> _Table:
    # Rulebooks hold mappings, so they are not hashable; key by identity while they live.
    entry = _tables_by_id.get(id(rulebook))
    if entry is not None and entry[0]() is rulebook:
        return entry[1]
    table = _Table(rulebook)
    key = id(rulebook)
    _tables_by_id[key] = (weakref.ref(rulebook, lambda _r: _tables_by_id.pop(key, None)), table)
    return table


def _rows(
    table: _Table, codes: tuple[str, ...], answers: Mapping[str, Answer]
) -> tuple[RowScore, ...]:
    """The row scores of `codes` in order; the hot loop of a national run (600,000 rows)."""
    interned, missing, get = table.interned, table.missing, answers.get
    rows = []
    for code in codes:
        answer = get(code)
        if answer is None:
            rows.append(missing[code])
        else:
            found = interned.get((code, answer.level, answer.status, answer.basis))
            rows.append(found if found is not None else table.row_score(code, answer))
    return tuple(rows)


def score(rulebook: Rulebook, answers: AnswerSet) -> ScoreResult:
    """Score one region's answers under a rulebook: the full breakdown, IID and predicate.

    Answers to codes the rulebook lacks are ignored (`check_answers` refuses them first).
    Raises IncompleteRulebookError when a formula constant is unknown (never guesses), and
    AnswerFileError for a level outside 0-3 or an unknown status in answers built in code.
    """
    require_complete(rulebook)
    c = rulebook.constants
    assert c.divisor_floor is not None and c.max_total is not None  # checked just above
    assert c.count_score_cap is not None and c.count_score_per_innovation is not None
    assert c.basic_service_min is not None
    table = _table(rulebook)

    region_rows = _rows(table, table.spd_codes, answers.region)
    innovations = []
    affairs: list[str] = []
    for inn in answers.innovations:
        rows = _rows(table, table.sid_codes, inn.answers)
        innovations.append(
            InnovationScore(
                name=inn.name,
                unit=inn.unit,
                points=sum((r.points for r in rows), ZERO),
                max_points=table.sid_max,
                rows=rows,
                affairs=inn.affairs,
            )
        )
        affairs.extend(inn.affairs)

    n = len(innovations)
    covered = covered_affairs(rulebook, affairs)
    gate_met = len(covered) >= c.basic_service_min
    spd = sum((r.points for r in region_rows), ZERO)
    sid_sum = sum((i.points for i in innovations), ZERO)
    claimed = table.claimed
    claimed_spd = sum((claimed[id(r)] for r in region_rows), ZERO)
    claimed_sid_sum = sum((claimed[id(r)] for i in innovations for r in i.rows), ZERO)
    divisor = max(c.divisor_floor, n)
    count_score = (
        Decimal(min(n, c.count_score_cap)) * c.count_score_per_innovation if gate_met else ZERO
    )
    with localcontext() as ctx:
        ctx.prec = PRECISION
        sid_average = sid_sum / divisor
        sid = sid_average + count_score
        total = spd + sid
        iid = (total / c.max_total * HUNDRED).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
        claimed_total = claimed_spd + claimed_sid_sum / divisor + count_score
        claimed_iid = (claimed_total / c.max_total * HUNDRED).quantize(
            TWO_PLACES, rounding=ROUND_HALF_UP
        )
    band = predicate_for(rulebook, iid)
    return ScoreResult(
        rulebook=rulebook.name,
        rulebook_version=rulebook.version,
        spd=spd,
        spd_max=table.spd_max,
        sid_sum=sid_sum,
        divisor=divisor,
        sid_average=sid_average,
        count_score=count_score,
        sid=sid,
        total=total,
        max_total=c.max_total,
        iid=iid,
        predicate=band.predicate,
        predicate_label=band.label,
        claimed_iid=claimed_iid,
        innovation_count=n,
        basic_service_covered=covered,
        basic_service_met=gate_met,
        region_rows=region_rows,
        innovations=tuple(innovations),
    )
