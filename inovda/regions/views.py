"""Pemda and unit pages: lookup scoped to the user (404), predicate (403), form, service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inovda.accounts.access import home_region, is_national_admin, regions_for
from inovda.methodology.permissions import can_view_scores
from inovda.regions import queries, services
from inovda.regions.forms import RegionFilterForm, UnitForm
from inovda.regions.models import Region, Unit
from inovda.regions.permissions import can_edit_unit, can_list_regions, can_manage_units

PAGE_SIZE = 50


@login_required
def region_list(request: HttpRequest) -> HttpResponse:
    if not can_list_regions(request.user):
        raise PermissionDenied
    form = RegionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    regions = queries.region_list_for(
        request.user, q=filters.get("q", ""), kind=filters.get("kind", "")
    )
    page = Paginator(regions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "regions/region_list.html",
        {"form": form, "page_obj": page, "nav_current": "regions", "total": page.paginator.count},
    )


@login_required
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = queries.get_region_for(request.user, code)
    units = queries.unit_list_for(request.user, region)
    return render(
        request,
        "regions/region_detail.html",
        {
            "region": region,
            "units": units,
            "children": region.children.order_by("code") if region.is_province else None,
            "can_manage": can_manage_units(request.user, region),
            "can_view_scores": can_view_scores(request.user, region),
            "nav_current": "regions",
        },
    )


def _working_region(request: HttpRequest) -> Region:
    """The region a unit page is about: ?pemda=CODE (if the user may see it) or the user's own."""
    code = request.GET.get("pemda") or request.POST.get("pemda")
    if code:
        return queries.get_region_for(request.user, code)
    region = home_region(request.user)
    if region is None:
        if is_national_admin(request.user):
            first = regions_for(request.user).order_by("code").first()
            if first is not None:
                return first
        raise PermissionDenied
    return region


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    region = _working_region(request)
    units = queries.unit_list_for(
        request.user, region, q=request.GET.get("q", "").strip(), kind=request.GET.get("kind", "")
    )
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "regions/unit_list.html",
        {
            "region": region,
            "page_obj": page,
            "kinds": Unit.Kind.choices,
            "can_manage": can_manage_units(request.user, region),
            "evidence_units": _evidence_unit_ids(request.user, region, page.object_list),
            "nav_current": "units",
        },
    )


def _evidence_unit_ids(user: object, region: Region, units: object) -> set[int]:
    from inovda.evidence.permissions import can_view_unit_evidence

    return {unit.pk for unit in units if can_view_unit_evidence(user, unit)}  # type: ignore[attr-defined]


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest) -> HttpResponse:
    region = _working_region(request)
    if not can_manage_units(request.user, region):
        raise PermissionDenied
    form = UnitForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        unit = services.create_unit(actor=request.user, region=region, **form.cleaned_data)
        messages.success(request, _("Unit %(name)s ditambahkan.") % {"name": unit.name})
        return redirect(f"{_unit_list_url()}?pemda={region.code}")
    return render(
        request,
        "regions/unit_form.html",
        {"form": form, "region": region, "unit": None, "nav_current": "units"},
    )


def _unit_list_url() -> str:
    from django.urls import reverse

    return reverse("regions:unit-list")


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = queries.get_unit_for(request.user, pk)
    if not can_edit_unit(request.user, unit):
        raise PermissionDenied
    initial = {
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "parent": unit.parent,
    }
    form = UnitForm(request.POST or None, region=unit.region, unit=unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_unit(unit, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Perubahan unit disimpan."))
        return redirect(f"{_unit_list_url()}?pemda={unit.region.code}")
    return render(
        request,
        "regions/unit_form.html",
        {"form": form, "region": unit.region, "unit": unit, "nav_current": "units"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_set_active(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    unit = queries.get_unit_for(request.user, pk)
    if not can_edit_unit(request.user, unit):
        raise PermissionDenied
    if request.method == "POST":
        services.set_unit_active(unit, actor=request.user, active=active)
        text = (
            _("Unit %(name)s diaktifkan kembali.") if active else _("Unit %(name)s dinonaktifkan.")
        )
        messages.success(request, text % {"name": unit.name})
        return redirect(f"{_unit_list_url()}?pemda={unit.region.code}")
    return render(
        request,
        "regions/unit_confirm.html",
        {"unit": unit, "active": active, "nav_current": "units"},
    )
