"""Who may manage people and grant which roles."""

from __future__ import annotations

from typing import Any

from inovda.accounts.access import can_manage_region, is_national_admin
from inovda.accounts.models import Role
from inovda.regions.models import Region

# Roles a region admin may hand out inside its own region.
REGION_GRANTABLE = (
    Role.REGION_ADMIN,
    Role.VERIFIER,
    Role.UNIT_OPERATOR,
    Role.UNIT_HEAD,
    Role.MENTOR,
    Role.JURY,
    Role.VIEWER,
)


def can_manage_people(user: Any, region: Region) -> bool:
    return can_manage_region(user, region)


def can_assign_role(user: Any, region: Region, role: str) -> bool:
    if not can_manage_people(user, region):
        return False
    if is_national_admin(user):
        return role != Role.NATIONAL_ADMIN
    return role in REGION_GRANTABLE
