"""Read-side queries shared by pages: what waits for whom."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from inovda.accounts.access import region_ids_with_role, unit_ids_with_role
from inovda.accounts.models import Role
from inovda.innovations.models import Report


def waiting_for(user: Any) -> QuerySet[Report]:
    """Reports waiting for this person's action (or, for a mentor, their units' reports).

    Verifier: approved reports of their region; region admin: verified and ready ones; head of
    unit: submitted reports of their units; operator: draft and returned ones; mentor: all of
    their units' reports. Only periods not yet final.
    """
    S = Report.Status
    mine = Q(pk__in=[])
    mine |= Q(
        period__region__in=region_ids_with_role(user, Role.VERIFIER, Role.REGION_ADMIN),
        status=S.APPROVED,
    )
    mine |= Q(
        period__region__in=region_ids_with_role(user, Role.REGION_ADMIN),
        status__in=[S.VERIFIED, S.READY],
    )
    mine |= Q(innovation__unit__in=unit_ids_with_role(user, Role.UNIT_HEAD), status=S.SUBMITTED)
    mine |= Q(
        innovation__unit__in=unit_ids_with_role(user, Role.UNIT_OPERATOR),
        status__in=[S.DRAFT, S.RETURNED],
    )
    mine |= Q(innovation__unit__in=unit_ids_with_role(user, Role.MENTOR))
    return Report.objects.filter(mine, period__final_on__gte=timezone.localdate())


def count_by_status(reports: QuerySet[Report]) -> dict[str, int]:
    """How many of these reports are in each workflow status (one query)."""
    rows = reports.order_by().values_list("status").annotate(n=Count("pk"))
    return dict(rows.values_list("status", "n"))
