"""Who may read and triage community proposals: the region's admins triage, verifiers read."""

from __future__ import annotations

from typing import Any

from inovda.accounts.access import region_ids_with_role, roles_in_region
from inovda.accounts.models import Role
from inovda.public.models import Proposal

READERS = (Role.REGION_ADMIN, Role.VERIFIER)


def readable_region_ids(user: Any) -> set[int]:
    """Regions whose proposals the user may read (region admin or verifier there)."""
    return region_ids_with_role(user, *READERS)


def can_view_proposals(user: Any) -> bool:
    return bool(readable_region_ids(user))


def can_triage_proposal(user: Any, proposal: Proposal) -> bool:
    """Only a region admin of the proposal's own region accepts or declines it."""
    return Role.REGION_ADMIN in roles_in_region(user, proposal.region)
