"""Template context every page needs: the navigation for the signed-in user's roles."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from inovda.core.navigation import items_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    items = items_for(user)
    current = ""
    for item in items:
        if request.path == item["url"] or (
            item["url"] != "/" and request.path.startswith(item["url"])
        ):
            current = item["key"]
    return {"nav_items": items, "nav_current": current}
