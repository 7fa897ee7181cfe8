"""Rulebook and score reads, scoped to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from inovda.accounts.access import is_national_admin, regions_for
from inovda.methodology.models import Rulebook, RulebookVersion, ScoreRecord
from inovda.methodology.permissions import SCORE_READERS
from inovda.regions.models import Region


def rulebooks_for(user: Any) -> QuerySet[Rulebook]:
    rulebooks = Rulebook.objects.select_related("owner_region")
    if is_national_admin(user):
        return rulebooks
    return rulebooks.filter(Q(owner_region__isnull=True) | Q(owner_region__in=regions_for(user)))


def get_rulebook_for(user: Any, name: str) -> Rulebook:
    rulebook = rulebooks_for(user).filter(name=name).first()
    if rulebook is None:
        raise Http404("Buku aturan tidak ditemukan")
    return rulebook


def latest_version(rulebook: Rulebook) -> RulebookVersion:
    version = rulebook.versions.order_by("-number").first()
    if version is None:
        raise Http404("Buku aturan belum memiliki isi")
    return version


def score_regions_for(user: Any) -> QuerySet[Region]:
    from inovda.accounts.access import assignments_of

    if is_national_admin(user):
        return Region.objects.all()
    ids = set()
    for a in assignments_of(user):
        if a.role in SCORE_READERS and a.region_id:
            ids.add(a.region_id)
    return regions_for(user).filter(Q(pk__in=ids) | Q(parent_id__in=ids))


def scores_for(user: Any) -> QuerySet[ScoreRecord]:
    return ScoreRecord.objects.filter(region__in=score_regions_for(user)).select_related(
        "region", "rulebook_version__rulebook"
    )


def get_score_for(user: Any, pk: int) -> ScoreRecord:
    record = scores_for(user).select_related("based_on").filter(pk=pk).first()
    if record is None:
        raise Http404("Skor tidak ditemukan")
    return record
