"""The one place that converts between database rows and `inovda.scoring` types."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from inovda.methodology.models import RulebookVersion, ScoreRecord
from inovda.scoring import (
    AnswerSet,
    Rulebook,
    ScoreResult,
    answers_from_dict,
    rulebook_from_dict,
    with_constants,
)
from inovda.scoring.cli import result_to_json

_cache: dict[tuple[int, str], Rulebook] = {}


def rulebook_of(version: RulebookVersion, constants: dict[str, Any] | None = None) -> Rulebook:
    """The scoring Rulebook of a stored version, cached in the process.

    Versions are immutable; the key carries the content fingerprint too, because an id can come
    back with other content (a restored or rebuilt database, each test's fresh database).
    """
    key = (version.pk, version.fingerprint)
    rulebook = _cache.get(key)
    if rulebook is None:
        rulebook = rulebook_from_dict(version.data, source_name=str(version))
        _cache[key] = rulebook
    if constants:
        rulebook = with_constants(rulebook, **constants)
    return rulebook


def answers_of(record: ScoreRecord) -> AnswerSet:
    return answers_from_dict(record.answers, source_name=record.label)


def result_fields(result: ScoreResult) -> dict[str, Any]:
    """ScoreRecord fields from a result: the headline numbers and the full breakdown as JSON."""
    return {
        "iid": result.iid,
        "claimed_iid": result.claimed_iid,
        "predicate": result.predicate,
        "predicate_label": result.predicate_label,
        "spd": result.spd,
        "sid": result.sid.quantize(Decimal("0.0001")),
        "count_score": result.count_score,
        "total": result.total.quantize(Decimal("0.0001")),
        "innovation_count": result.innovation_count,
        "breakdown": result_to_json(result),
    }
