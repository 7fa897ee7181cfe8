"""Who may read, clone, edit and score with rulebooks."""

from __future__ import annotations

from typing import Any

from inovda.accounts.access import has_role, is_national_admin, roles_in_region
from inovda.accounts.models import Role
from inovda.methodology.models import Rulebook
from inovda.regions.models import Region

SCORE_READERS = {
    Role.NATIONAL_ADMIN, Role.PROVINCE_COORDINATOR, Role.REGION_ADMIN, Role.VERIFIER, Role.VIEWER,
}  # fmt: skip


def can_view_rulebook(user: Any, rulebook: Rulebook) -> bool:
    if rulebook.owner_region_id is None:
        return bool(getattr(user, "is_authenticated", False))
    return bool(roles_in_region(user, rulebook.owner_region))


def can_clone_rulebook(user: Any, region: Region | None) -> bool:
    return region is not None and Role.REGION_ADMIN in roles_in_region(user, region)


def can_edit_rulebook(user: Any, rulebook: Rulebook) -> bool:
    if rulebook.is_bundled or rulebook.owner_region is None:
        return False
    return bool(
        roles_in_region(user, rulebook.owner_region) & {Role.REGION_ADMIN, Role.NATIONAL_ADMIN}
    )


def can_view_scores(user: Any, region: Region) -> bool:
    return bool(roles_in_region(user, region) & SCORE_READERS)


def can_score(user: Any, region: Region) -> bool:
    return bool(
        roles_in_region(user, region) & {Role.REGION_ADMIN, Role.VERIFIER, Role.NATIONAL_ADMIN}
    )


def can_rank(user: Any) -> bool:
    return is_national_admin(user) or has_role(user, Role.PROVINCE_COORDINATOR)
