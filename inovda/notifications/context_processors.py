"""The bell in the top navigation: the signed-in user's unread count, at most one query a page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import cached_property

from inovda.notifications.queries import unread_count


class Bell:
    """Counts unread notifications only when a template shows the bell, and only once."""

    def __init__(self, request: HttpRequest) -> None:
        self._request = request

    @cached_property
    def unread(self) -> int:
        user = getattr(self._request, "user", None)
        if not getattr(user, "is_authenticated", False):
            return 0
        return unread_count(user)


def bell(request: HttpRequest) -> dict[str, Any]:
    return {"bell": Bell(request)}
