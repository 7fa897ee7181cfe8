"""Periods, innovation registration and report edits: verbs in one transaction, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from inovda.core.models import record_event
from inovda.innovations.models import Innovation, Period, Report
from inovda.methodology.adapters import rulebook_of
from inovda.regions.models import Region, Unit

PROFILE_FIELDS = (
    "stage",
    "initiator_kind",
    "initiator_name",
    "kind",
    "form",
    "main_affair",
    "other_affairs",
    "trial_on",
    "implemented_on",
    "developed_on",
    "development_note",
    "design",
    "goals",
    "benefits",
    "results",
    "video_url",
)


class ReportProblem(ValueError):
    """A change refused with a reason the operator can act on (Indonesian); `field` if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class EditConflict(ReportProblem):
    """Someone else saved the report since this person opened it."""


def create_period(*, actor: Any, region: Region, **fields: Any) -> Period:
    with transaction.atomic():
        period = Period.objects.create(region=region, **fields)
        record_event(
            actor=actor,
            action="period.create",
            obj=period,
            region=region,
            summary=f"Periode {period.name} dibuat",
        )
    return period


def eligibility_problem(period: Period, data: dict[str, Any]) -> ReportProblem | None:
    """The rulebook's window: implemented inside it, or developed inside it with an explanation."""
    window = rulebook_of(period.rulebook_version).eligibility
    start, end = window.window_start, window.window_end
    implemented: dt.date | None = data.get("implemented_on")
    developed: dt.date | None = data.get("developed_on")
    if start is None or end is None or implemented is None:
        return None
    if start <= implemented <= end:
        return None
    if implemented > end:
        return ReportProblem(
            f"Waktu penerapan sesudah {end:%d-%m-%Y}, di luar periode penilaian ini.",
            "implemented_on",
        )
    if developed is None or not start <= developed <= end:
        return ReportProblem(
            f"Inovasi diterapkan sebelum {start:%d-%m-%Y}: menurut "
            f"{period.rulebook_version.rulebook} hanya dapat dilaporkan sebagai versi baru yang "
            f"dikembangkan antara "
            f"{start:%d-%m-%Y} dan {end:%d-%m-%Y}. Isi waktu pengembangan dan penjelasannya.",
            "developed_on",
        )
    if len((data.get("development_note") or "").split()) < 10:
        return ReportProblem(
            "Jelaskan apa yang dikembangkan (minimal 10 kata): versi baru wajib menjelaskan "
            "pengembangannya.",
            "development_note",
        )
    return None


def register_innovation(
    *,
    actor: Any,
    unit: Unit,
    period: Period,
    name: str,
    previous: Report | None = None,
    **profile: Any,
) -> Report:
    """Register an innovation (or a new version of last year's) with its profile for a period.

    Side effects: an Innovation (unless a new version), a Report, an audit event.
    Raises ReportProblem (nothing saved) when the rulebook's eligibility window refuses it.
    """
    problem = eligibility_problem(period, profile)
    if problem is not None:
        raise problem
    with transaction.atomic():
        if previous is not None:
            innovation = previous.innovation
        else:
            innovation = Innovation.objects.create(
                region=unit.region, unit=unit, name=name, created_by=actor
            )
        report = Report.objects.create(
            innovation=innovation, period=period, previous=previous, updated_by=actor, **profile
        )
        record_event(
            actor=actor,
            action="report.create",
            obj=report,
            region=unit.region,
            summary=f"Inovasi {innovation.name} didaftarkan untuk {period.name}",
        )
    return report


def update_report(report: Report, *, actor: Any, seen_version: int, **profile: Any) -> Report:
    """Save profile changes unless someone else saved since `seen_version` (EditConflict)."""
    problem = eligibility_problem(report.period, profile)
    if problem is not None:
        raise problem
    with transaction.atomic():
        before = {k: str(getattr(report, k)) for k in profile}
        changed = Report.objects.filter(pk=report.pk, version=seen_version).update(
            version=F("version") + 1, updated_by=actor, **profile
        )
        if not changed:
            raise EditConflict(
                "Laporan ini baru saja disimpan orang lain. Muat ulang halaman untuk melihat "
                "perubahannya; isian Anda masih ada di formulir ini."
            )
        report.refresh_from_db()
        record_event(
            actor=actor,
            action="report.update",
            obj=report,
            region=report.period.region,
            summary=f"Profil {report.innovation.name} diubah",
            before=before,
            after={k: str(v) for k, v in profile.items()},
        )
    return report


def save_answers(
    *, actor: Any, period: Period, report: Report | None, entries: dict[str, dict[str, Any]]
) -> int:
    """Save the claimed level, basis and evidence of each row; returns how many changed.

    `entries`: row code -> {"level": 0-3, "basis": "" or a-f, "evidence": [EvidenceFile]}.
    A changed answer goes back to draft (any edit resets its verification). One audit event.
    Raises ReportProblem for a row that is not in the rulebook's scope, or after input closes.
    """
    from inovda.innovations.models import Answer

    if timezone.localdate() > period.input_closes:
        raise ReportProblem(f"Isian periode ini sudah ditutup pada {period.input_closes:%d-%m-%Y}.")
    rulebook = rulebook_of(period.rulebook_version)
    rows = {r.code: r for r in (rulebook.sid_rows if report else rulebook.spd_rows)}
    changed: dict[str, int] = {}
    with transaction.atomic():
        existing = {
            a.row_code: a
            for a in Answer.objects.select_for_update()
            .filter(period=period, report=report)
            .prefetch_related("evidence")
        }
        for code, entry in entries.items():
            if code not in rows:
                raise ReportProblem(f"Indikator {code} tidak ada pada {rulebook.name}.")
            level, basis = int(entry["level"]), entry.get("basis") or ""
            files = list(entry.get("evidence", []))
            answer = existing.get(code)
            if answer is None:
                if level == 0 and not files:
                    continue
                answer = Answer.objects.create(
                    period=period,
                    report=report,
                    row_code=code,
                    claimed_level=level,
                    basis=basis,
                    updated_by=actor,
                )
                answer.evidence.set(files)
                changed[code] = level
                continue
            same_files = {f.pk for f in answer.evidence.all()} == {f.pk for f in files}
            if answer.claimed_level == level and answer.basis == basis and same_files:
                continue
            answer.claimed_level, answer.basis = level, basis
            answer.status, answer.approved_level, answer.reason = Answer.Status.DRAFT, None, ""
            answer.version += 1
            answer.updated_by = actor
            answer.save()
            answer.evidence.set(files)
            changed[code] = level
        if changed:
            record_event(
                actor=actor,
                action="answers.save",
                obj=report or period,
                region=period.region,
                summary=f"{len(changed)} jawaban indikator disimpan",
                after=changed,
            )
    return len(changed)
