"""Reads for proposals: staff see only their regions' (others look like they do not exist)."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from inovda.public.models import Proposal
from inovda.public.permissions import readable_region_ids
from inovda.regions.models import Region, Unit


def proposals_for(user: Any) -> QuerySet[Proposal]:
    return Proposal.objects.filter(region_id__in=readable_region_ids(user)).select_related(
        "region", "suggested_unit", "innovation__unit", "triaged_by"
    )


def queue_for(user: Any, status: str) -> QuerySet[Proposal]:
    """New proposals oldest first (who waited longest); the others newest first."""
    proposals = proposals_for(user)
    if status in Proposal.Status.values:
        proposals = proposals.filter(status=status)
    if status == Proposal.Status.NEW:
        return proposals.order_by("created_at", "pk")
    return proposals.order_by("-created_at", "-pk")


def status_counts_for(user: Any) -> dict[str, int]:
    """How many proposals per status, in one query."""
    counts = Proposal.objects.filter(region_id__in=readable_region_ids(user)).aggregate(
        **{s: Count("pk", filter=Q(status=s)) for s in Proposal.Status.values},
        all=Count("pk"),
    )
    return counts


def get_proposal_for(user: Any, pk: int) -> Proposal:
    proposal = proposals_for(user).filter(pk=pk).first()
    if proposal is None:
        raise Http404("Usulan tidak ditemukan")
    return proposal


def normalise_code(code: str) -> str:
    """'k7qm 4xpd', 'K7QM4XPD' and 'K7QM-4XPD' are the same code."""
    letters = re.sub(r"[^0-9A-Za-z]", "", code).upper()
    return f"{letters[:4]}-{letters[4:]}" if len(letters) == 8 else letters


def get_proposal_by_code(code: str) -> Proposal:
    proposal = (
        Proposal.objects.select_related("region", "innovation__unit")
        .filter(tracking_code=normalise_code(code))
        .first()
    )
    if proposal is None:
        raise Http404("Kode lacak tidak ditemukan")
    return proposal


def public_region(code: str) -> Region:
    """An active Pemda anyone may send a proposal to."""
    region = Region.objects.select_related("parent").filter(code=code, is_active=True).first()
    if region is None:
        raise Http404("Pemda tidak ditemukan")
    return region


def public_regions(q: str = "") -> QuerySet[Region]:
    """Active Pemda by name or Kemendagri code, for the citizen's picker."""
    regions = Region.objects.filter(is_active=True).select_related("parent")
    q = " ".join(q.split())
    if q.lower().startswith("provinsi "):
        # Province names are stored without the word ("Kalimantan Selatan").
        regions, q = regions.filter(kind=Region.Kind.PROVINCE), q[len("provinsi ") :]
    if q:
        regions = regions.filter(
            Q(name__icontains=q) | Q(code__startswith=q) | Q(parent__name__icontains=q)
        )
    return regions.order_by("code")


def triage_units(region: Region) -> QuerySet[Unit]:
    return Unit.objects.filter(region=region, is_active=True).order_by("name")
