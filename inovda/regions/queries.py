"""Tenant-scoped reads: what does not belong to the user looks exactly like what does not exist."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from inovda.accounts.access import regions_for, units_for
from inovda.regions.models import Region, Unit


def get_region_for(user: Any, code: str) -> Region:
    region = regions_for(user).select_related("parent").filter(code=code).first()
    if region is None:
        raise Http404("Pemda tidak ditemukan")
    return region


def get_unit_for(user: Any, pk: int) -> Unit:
    unit = units_for(user).select_related("region", "parent").filter(pk=pk).first()
    if unit is None:
        raise Http404("Unit tidak ditemukan")
    return unit


def region_list_for(
    user: Any, *, q: str = "", kind: str = "", province: str = ""
) -> QuerySet[Region]:
    regions = regions_for(user).select_related("parent").annotate(unit_count=Count("units"))
    if q:
        regions = regions.filter(Q(name__icontains=q) | Q(code__startswith=q))
    if kind:
        regions = regions.filter(kind=kind)
    if province:
        regions = regions.filter(Q(code=province) | Q(parent__code=province))
    return regions.order_by("code")


def unit_list_for(user: Any, region: Region, *, q: str = "", kind: str = "") -> QuerySet[Unit]:
    units = units_for(user).filter(region=region).select_related("parent", "region")
    if q:
        units = units.filter(Q(name__icontains=q) | Q(short_name__icontains=q))
    if kind:
        units = units.filter(kind=kind)
    return units.order_by("-is_active", "name")
