"""Who may see, add and delete evidence files."""

from __future__ import annotations

from typing import Any

from inovda.accounts.access import roles_in_region, unit_ids_with_role
from inovda.accounts.models import Role
from inovda.regions.models import Unit

REGION_READERS = {Role.NATIONAL_ADMIN, Role.REGION_ADMIN, Role.VERIFIER, Role.VIEWER}


def can_view_unit_evidence(user: Any, unit: Unit) -> bool:
    if roles_in_region(user, unit.region) & REGION_READERS:
        return True
    return unit.pk in unit_ids_with_role(user, Role.UNIT_OPERATOR, Role.UNIT_HEAD, Role.MENTOR)


def can_add_unit_evidence(user: Any, unit: Unit) -> bool:
    if Role.REGION_ADMIN in roles_in_region(user, unit.region):
        return True
    return unit.pk in unit_ids_with_role(user, Role.UNIT_OPERATOR)


QUEUE_ROLES = {Role.NATIONAL_ADMIN, Role.REGION_ADMIN, Role.VERIFIER}


def can_view_evidence_warnings(user: Any, region: Any) -> bool:
    """The region's warnings queue and duplicate innovations: who checks before submission."""
    return bool(roles_in_region(user, region) & QUEUE_ROLES)
