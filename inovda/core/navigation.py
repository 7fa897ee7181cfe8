"""The navigation each role sees. Apps add their entries here, each with who may see it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from inovda.accounts.access import roles_of
from inovda.accounts.models import Role


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url_name: str
    visible: Callable[[set[str], Any], bool]


def _any(*roles: str) -> Callable[[set[str], Any], bool]:
    return lambda held, user: bool(held & set(roles))


def _signed_in(held: set[str], user: Any) -> bool:
    return True


ITEMS: list[NavItem] = [
    NavItem("home", _("Beranda"), "core:home", _signed_in),
    NavItem(
        "regions",
        _("Pemda"),
        "regions:region-list",
        _any(Role.NATIONAL_ADMIN, Role.PROVINCE_COORDINATOR),
    ),
    NavItem(
        "units",
        _("Unit kerja"),
        "regions:unit-list",
        _any(
            Role.REGION_ADMIN,
            Role.VERIFIER,
            Role.VIEWER,
            Role.JURY,
            Role.MENTOR,
            Role.UNIT_OPERATOR,
            Role.UNIT_HEAD,
        ),
    ),
    NavItem(
        "people",
        _("Pengguna"),
        "accounts:people-list",
        _any(Role.REGION_ADMIN, Role.NATIONAL_ADMIN),
    ),
    NavItem(
        "innovations",
        _("Inovasi"),
        "innovations:period-list",
        _any(
            Role.REGION_ADMIN,
            Role.VERIFIER,
            Role.VIEWER,
            Role.JURY,
            Role.MENTOR,
            Role.UNIT_OPERATOR,
            Role.UNIT_HEAD,
        ),
    ),
    NavItem(
        "queue",
        _("Antrean"),
        "innovations:queue",
        _any(Role.REGION_ADMIN, Role.VERIFIER, Role.MENTOR, Role.UNIT_OPERATOR, Role.UNIT_HEAD),
    ),
    NavItem(
        "proposals",
        _("Usulan masyarakat"),
        "public:queue",
        _any(Role.REGION_ADMIN, Role.VERIFIER),
    ),
    NavItem(
        "scores",
        _("Skor IID"),
        "methodology:score-list",
        _any(Role.REGION_ADMIN, Role.VERIFIER, Role.VIEWER),
    ),
    NavItem(
        "ranking",
        _("Peringkat"),
        "methodology:ranking",
        _any(Role.NATIONAL_ADMIN, Role.PROVINCE_COORDINATOR),
    ),
    NavItem(
        "evidence-warnings",
        _("Peringatan bukti"),
        "evidence:warning-queue",
        _any(Role.REGION_ADMIN, Role.VERIFIER, Role.NATIONAL_ADMIN),
    ),
    NavItem("methodology", _("Metodologi IID"), "methodology:rulebook-list", _signed_in),
]


def items_for(user: Any) -> list[dict[str, str]]:
    if not getattr(user, "is_authenticated", False):
        return []
    held = roles_of(user)
    result = []
    for item in ITEMS:
        if not item.visible(held, user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue  # the app providing it is not installed in this deployment
        result.append({"key": item.key, "label": str(item.label), "url": url})
    return result
