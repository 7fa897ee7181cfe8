"""Who may see and change periods and innovation reports."""

from __future__ import annotations

from typing import Any

from inovda.accounts.access import roles_in_region, unit_ids_with_role
from inovda.accounts.models import Role
from inovda.regions.models import Region, Unit

REGION_READERS = {Role.NATIONAL_ADMIN, Role.REGION_ADMIN, Role.VERIFIER, Role.VIEWER, Role.JURY}


def can_manage_periods(user: Any, region: Region) -> bool:
    return bool(roles_in_region(user, region) & {Role.REGION_ADMIN, Role.NATIONAL_ADMIN})


def can_view_region_answers(user: Any, region: Region) -> bool:
    """The region's own indicators (SPD) and the period's IID: the region's readers."""
    return bool(roles_in_region(user, region) & REGION_READERS)


def can_view_unit_reports(user: Any, unit: Unit) -> bool:
    if roles_in_region(user, unit.region) & REGION_READERS:
        return True
    return unit.pk in unit_ids_with_role(user, Role.UNIT_OPERATOR, Role.UNIT_HEAD, Role.MENTOR)


def can_edit_unit_reports(user: Any, unit: Unit) -> bool:
    if Role.REGION_ADMIN in roles_in_region(user, unit.region):
        return True
    return unit.pk in unit_ids_with_role(user, Role.UNIT_OPERATOR)


def can_approve_unit_reports(user: Any, unit: Unit) -> bool:
    """The head of the unit approves its reports; a region admin may act in the head's place."""
    if Role.REGION_ADMIN in roles_in_region(user, unit.region):
        return True
    return unit.pk in unit_ids_with_role(user, Role.UNIT_HEAD)


def can_verify(user: Any, region: Region) -> bool:
    """The coordinating agency's verifiers (and its admins) verify answers."""
    return bool(roles_in_region(user, region) & {Role.VERIFIER, Role.REGION_ADMIN})
