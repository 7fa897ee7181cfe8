"""How django-axes names the account being tried, for allauth's e-mail sign-in form."""

from __future__ import annotations

from typing import Any


def username_from_credentials(request: Any, credentials: dict[str, Any] | None) -> str:
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None and hasattr(request, "POST"):
        value = request.POST.get("login", "")
    return str(value or "").strip().lower()
