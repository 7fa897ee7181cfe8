"""Who may do what with notifications and reminders."""

from __future__ import annotations

from typing import Any

from inovda.accounts.access import roles_in_region
from inovda.accounts.models import Role


def can_send_reminders(user: Any, region: Any) -> bool:
    """Only the region's own admin (the coordinating agency) reminds its units."""
    return Role.REGION_ADMIN in roles_in_region(user, region)
