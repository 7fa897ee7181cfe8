"""Who may see which region and unit: the tenant rule, in one place.

Every view and query reads through these helpers. Assignments are loaded once per request and
kept on the user object (not in process memory across requests).

- national admin: every region and unit
- province coordinator: its province and the kabupaten/kota inside it (read)
- region admin, verifier, jury, viewer: their region and all of its units
- unit operator, unit head, mentor: their region (its name, schedule) and only their own units
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from inovda.accounts.models import REGION_ROLES, UNIT_ROLES, Role, RoleAssignment
from inovda.regions.models import Region, Unit


def assignments_of(user: Any) -> list[RoleAssignment]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_inovda_assignments", None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user=user).select_related(
                "region", "unit", "region__parent"
            )
        )
        user._inovda_assignments = cached
    return cached


def forget_assignments(user: Any) -> None:
    """Drop the per-request cache after a service changed the user's roles."""
    if hasattr(user, "_inovda_assignments"):
        del user._inovda_assignments


def roles_of(user: Any) -> set[str]:
    return {a.role for a in assignments_of(user)}


def has_role(user: Any, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def is_national_admin(user: Any) -> bool:
    return has_role(user, Role.NATIONAL_ADMIN)


def roles_in_region(user: Any, region: Region) -> set[str]:
    """Roles held in this region; a province coordinator's role counts in its kab/kota."""
    found: set[str] = set()
    for a in assignments_of(user):
        if (
            a.role == Role.NATIONAL_ADMIN
            or a.region_id == region.pk
            or (a.role == Role.PROVINCE_COORDINATOR and region.parent_id == a.region_id)
        ):
            found.add(a.role)
    return found


def _region_filter(assignments: Iterable[RoleAssignment]) -> Q | None:
    q = Q(pk__in=[])
    for a in assignments:
        if a.role == Role.NATIONAL_ADMIN:
            return None
        if a.region_id is None:
            continue
        q |= Q(pk=a.region_id)
        if a.role == Role.PROVINCE_COORDINATOR:
            q |= Q(parent_id=a.region_id)
    return q


def regions_for(user: Any) -> QuerySet[Region]:
    """Regions the user may read."""
    q = _region_filter(assignments_of(user))
    if q is None:
        return Region.objects.all()
    return Region.objects.filter(q)


def units_for(user: Any) -> QuerySet[Unit]:
    """Units whose data the user may read."""
    q = Q(pk__in=[])
    for a in assignments_of(user):
        if a.role == Role.NATIONAL_ADMIN:
            return Unit.objects.all()
        if a.role == Role.PROVINCE_COORDINATOR:
            q |= Q(region_id=a.region_id) | Q(region__parent_id=a.region_id)
        elif a.role in REGION_ROLES:
            q |= Q(region_id=a.region_id)
        elif a.role in UNIT_ROLES and a.unit_id is not None:
            q |= Q(pk=a.unit_id)
    return Unit.objects.filter(q)


def unit_ids_with_role(user: Any, *roles: str) -> set[int]:
    return {a.unit_id for a in assignments_of(user) if a.role in roles and a.unit_id is not None}


def region_ids_with_role(user: Any, *roles: str) -> set[int]:
    return {
        a.region_id for a in assignments_of(user) if a.role in roles and a.region_id is not None
    }


def can_manage_region(user: Any, region: Region) -> bool:
    """Region admins (and national admins) manage a region's units and people."""
    return bool(roles_in_region(user, region) & {Role.NATIONAL_ADMIN, Role.REGION_ADMIN})


def home_region(user: Any) -> Region | None:
    """The region the user mainly works in (first non-national assignment)."""
    for a in assignments_of(user):
        if a.region is not None:
            return a.region
    return None
