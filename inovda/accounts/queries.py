"""People reads, scoped to the regions the user manages."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from inovda.accounts.models import Invitation, RoleAssignment, User
from inovda.regions.models import Region


def people_in(region: Region, *, q: str = "", role: str = "") -> QuerySet[User]:
    assignments = RoleAssignment.objects.filter(region=region).select_related("unit")
    people = User.objects.filter(assignments__region=region)
    if role:
        people = people.filter(assignments__role=role, assignments__region=region)
    if q:
        people = people.filter(Q(full_name__icontains=q) | Q(email__icontains=q))
    return (
        people.distinct()
        .prefetch_related(Prefetch("assignments", queryset=assignments, to_attr="roles_here"))
        .order_by("full_name", "email")
    )


def pending_invitations(region: Region) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(
            region=region,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("unit")
        .order_by("expires_at")
    )


def get_person_for(region: Region, pk: int) -> User:
    person = User.objects.filter(pk=pk, assignments__region=region).distinct().first()
    if person is None:
        raise Http404("Pengguna tidak ditemukan")
    return person


def get_invitation_for(region: Region, pk: int) -> Invitation:
    invitation = Invitation.objects.filter(pk=pk, region=region).first()
    if invitation is None:
        raise Http404("Undangan tidak ditemukan")
    return invitation


def get_assignment_for(region: Region, pk: int) -> RoleAssignment:
    assignment = (
        RoleAssignment.objects.select_related("user", "region").filter(pk=pk, region=region).first()
    )
    if assignment is None:
        raise Http404("Peran tidak ditemukan")
    return assignment


def managed_region(user: Any, code: str | None) -> Region | None:
    """The region whose people the user manages: ?pemda=CODE or the first it administers."""
    from inovda.accounts.access import assignments_of, is_national_admin, regions_for
    from inovda.accounts.models import Role

    if code:
        return regions_for(user).filter(code=code).first()
    for a in assignments_of(user):
        if a.role == Role.REGION_ADMIN and a.region is not None:
            return a.region
    if is_national_admin(user):
        return None
    return None
