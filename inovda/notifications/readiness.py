"""How ready each unit of a region is for a period's deadlines: one row per unit, one query."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Max, Q
from django.utils import timezone

from inovda.innovations.models import Period, Report
from inovda.regions.models import Unit

S = Report.Status
PENDING = (S.DRAFT, S.RETURNED)
IN_REVIEW = (S.SUBMITTED, S.APPROVED)
DONE = (S.VERIFIED, S.READY, S.SENT)


class State:
    """A unit's place in the period, for badges and filters."""

    NOT_STARTED = "not_started"  # no report in the period
    WORKING = "working"  # some report still draft or returned
    SUBMITTED = "submitted"  # everything submitted, not all verified yet
    DONE = "done"  # every report verified, ready or sent


def unit_readiness(period: Period, *, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Readiness of every active unit of the period's region, by unit name; one SQL query.

    Each row: `unit`, `counts` (reports per status, every status present), `total`, `pending`
    (draft + returned), `in_review` (submitted + approved), `done` (verified + ready + sent),
    `percent_done` (done over total, 0-100, 0 when there is no report), `state` (see State),
    `finished_at` / `finished_on` (when the unit finished: the last submission, once no report
    is draft or returned; None before), `days_to_input_closes` and `days_to_national_deadline`
    (negative once passed; None when there is no national deadline).
    """
    today = today or timezone.localdate()
    in_period = Q(innovations__reports__period=period)
    per_status = {
        f"n_{status}": Count(
            "innovations__reports", filter=in_period & Q(innovations__reports__status=status)
        )
        for status in S.values
    }
    units = (
        Unit.objects.filter(region_id=period.region_id, is_active=True)
        .annotate(
            **per_status,
            last_submitted=Max("innovations__reports__submitted_at", filter=in_period),
        )
        .order_by("name")
    )
    days_to_close = (period.input_closes - today).days
    days_to_national = (period.national_deadline - today).days if period.national_deadline else None
    rows = []
    for unit in units:
        counts = {status: getattr(unit, f"n_{status}") for status in S.values}
        total = sum(counts.values())
        pending = sum(counts[s] for s in PENDING)
        done = sum(counts[s] for s in DONE)
        finished_at = unit.last_submitted if total and not pending else None
        if not total:
            state = State.NOT_STARTED
        elif pending:
            state = State.WORKING
        elif done < total:
            state = State.SUBMITTED
        else:
            state = State.DONE
        rows.append(
            {
                "unit": unit,
                "counts": counts,
                "total": total,
                "pending": pending,
                "in_review": sum(counts[s] for s in IN_REVIEW),
                "done": done,
                "percent_done": round(100 * done / total) if total else 0,
                "state": state,
                "finished_at": finished_at,
                "finished_on": timezone.localdate(finished_at) if finished_at else None,
                "days_to_input_closes": days_to_close,
                "days_to_national_deadline": days_to_national,
            }
        )
    return rows
