"""Who may do what with regions and units (predicates; views answer 403 when they say no)."""

from __future__ import annotations

from typing import Any

from inovda.accounts.access import can_manage_region, roles_in_region
from inovda.accounts.models import Role
from inovda.regions.models import Region, Unit


def can_list_regions(user: Any) -> bool:
    from inovda.accounts.access import has_role

    return has_role(user, Role.NATIONAL_ADMIN, Role.PROVINCE_COORDINATOR)


def can_view_region(user: Any, region: Region) -> bool:
    return bool(roles_in_region(user, region))


def can_manage_units(user: Any, region: Region) -> bool:
    return can_manage_region(user, region)


def can_edit_unit(user: Any, unit: Unit) -> bool:
    return can_manage_region(user, unit.region)
