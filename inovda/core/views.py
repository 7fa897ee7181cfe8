"""Home page (a dashboard fitted to the user's roles) and error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from inovda.accounts.access import (
    assignments_of,
    home_region,
    is_national_admin,
    regions_for,
    units_for,
)
from inovda.accounts.models import Role


@login_required
def home(request: HttpRequest) -> HttpResponse:
    assignments = assignments_of(request.user)
    regions = regions_for(request.user)
    context = {
        "assignments": assignments,
        "is_national_admin": is_national_admin(request.user),
        "region_count": regions.count(),
        "unit_count": units_for(request.user).filter(is_active=True).count(),
        "managed_regions": [a.region for a in assignments if a.role == Role.REGION_ADMIN],
        "latest_score": _latest_score(request.user),
        "waiting": _waiting(request.user),
    }
    return render(request, "core/home.html", context)


def _waiting(user: object) -> dict[str, int]:
    """How many reports wait for this person, by status (one query)."""
    from inovda.innovations.queries import count_by_status, waiting_for

    return count_by_status(waiting_for(user))


def _latest_score(user: object) -> object:
    """The newest IID score of the user's home region, when the user may read scores."""
    from inovda.methodology.models import ScoreRecord
    from inovda.methodology.permissions import can_view_scores

    region = home_region(user)
    if region is None or not can_view_scores(user, region):
        return None
    return (
        ScoreRecord.objects.filter(region=region)
        .select_related("region", "rulebook_version__rulebook")
        .first()
    )


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)
