"""Periods, innovation registration and report edits: verbs in one transaction, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from inovda.core.models import record_event
from inovda.innovations import workflow
from inovda.innovations.models import Answer, ImpactMeasure, Innovation, Period, Report
from inovda.methodology.adapters import rulebook_of
from inovda.regions.models import Region, Unit

# The report columns the profile form edits (awards and impact measures are lists, apart).
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
    "asta_cita",
    "pkpn_cluster",
    "pkpn_program",
    "latitude",
    "longitude",
    "address",
    "budget_amount",
    "budget_source",
    "budget_document",
    "business_profile",
    "ip_kind",
    "ip_number",
    "ip_status",
)

# A rulebook's `profile_fields` name portal fields; some are held in several report columns.
# `impact_measures` is not a column: its rows are ImpactMeasure objects.
PROFILE_FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    "developed_on": ("developed_on", "development_note"),
    "location": ("latitude", "longitude", "address"),
    "pkpn_cluster": ("pkpn_cluster", "pkpn_program"),
    "budget": ("budget_amount", "budget_source", "budget_document"),
    "ip_rights": ("ip_kind", "ip_number", "ip_status"),
    "impact_measures": (),
}
IMPACT_FIELDS = (
    "name",
    "measure_unit",
    "value_before",
    "value_after",
    "measured_before_on",
    "measured_after_on",
    "source",
)


def columns_of(field: str) -> tuple[str, ...]:
    """The report columns that hold a rulebook profile field (`location` -> lat, lng, address)."""
    return PROFILE_FIELD_COLUMNS.get(field, (field,))


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


SCHEDULE_FIELDS = (
    "name",
    "input_opens",
    "input_closes",
    "verification_closes",
    "final_on",
    "national_deadline",
)


def update_period_schedule(period: Period, *, actor: Any, **fields: Any) -> Period:
    """Change a period's name or dates (e.g. the national timeline moved); audited."""
    with transaction.atomic():
        period = Period.objects.select_for_update().get(pk=period.pk)
        before = {f: str(getattr(period, f)) for f in SCHEDULE_FIELDS}
        for name in SCHEDULE_FIELDS:
            if name in fields:
                setattr(period, name, fields[name])
        period.save()
        after = {f: str(getattr(period, f)) for f in SCHEDULE_FIELDS}
        record_event(
            actor=actor,
            action="period.schedule",
            obj=period,
            region=period.region,
            summary=f"Jadwal {period.name} diubah",
            before={k: v for k, v in before.items() if after[k] != v},
            after={k: v for k, v in after.items() if before[k] != v},
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


def _measure_text(values: dict[str, Any] | ImpactMeasure) -> str:
    """One line for the audit trail: "IKM: 76.5 -> 82.3 poin (2024-01-10 s.d. 2025-01-10)"."""
    get = values.get if isinstance(values, dict) else lambda k: getattr(values, k)
    before, after = get("value_before"), get("value_after")
    text = f"{get('name')}: {before} -> {after} {get('measure_unit')}".strip()
    dates = (get("measured_before_on"), get("measured_after_on"))
    if any(dates):
        text += f" ({dates[0] or '?'} s.d. {dates[1] or '?'})"
    return text


def _save_measures(report: Report, rows: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Make the report's impact measures exactly `rows` (in order); (before, after) as text.

    A row with an `id` updates that measure, one without creates a measure, and a measure
    missing from `rows` is deleted. Call inside the transaction that checked the version.
    """
    existing = {m.pk: m for m in ImpactMeasure.objects.select_for_update().filter(report=report)}
    before = [_measure_text(m) for m in existing.values()]
    keep: set[int] = set()
    for position, row in enumerate(rows):
        values = {k: row.get(k) for k in IMPACT_FIELDS}
        values["source"] = values["source"] or ""
        pk = row.get("id")
        if pk is None:
            ImpactMeasure.objects.create(report=report, position=position, **values)
            continue
        measure = existing.get(pk)
        if measure is None:
            raise ReportProblem(
                _(
                    "Salah satu ukuran dampak sudah dihapus orang lain. Muat ulang halaman; "
                    "tidak ada yang disimpan."
                )
            )
        keep.add(pk)
        for key, value in {**values, "position": position}.items():
            setattr(measure, key, value)
        measure.save()
    ImpactMeasure.objects.filter(pk__in=set(existing) - keep).delete()
    return before, [_measure_text(row) for row in rows]


def register_innovation(
    *,
    actor: Any,
    unit: Unit,
    period: Period,
    name: str,
    previous: Report | None = None,
    impact_measures: list[dict[str, Any]] | None = None,
    **profile: Any,
) -> Report:
    """Register an innovation (or a new version of last year's) with its profile for a period.

    `impact_measures`: rows of IMPACT_FIELDS values, saved as ImpactMeasure in that order.
    Side effects: an Innovation (unless a new version), a Report, its impact measures, an
    audit event. Raises ReportProblem (nothing saved) when the rulebook's eligibility window
    refuses it.
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
        measures: list[str] = []
        if impact_measures:
            _before, measures = _save_measures(report, impact_measures)
        record_event(
            actor=actor,
            action="report.create",
            obj=report,
            region=unit.region,
            summary=f"Inovasi {innovation.name} didaftarkan untuk {period.name}",
            after={"impact_measures": measures} if measures else None,
        )
    return report


def _audit_value(value: Any) -> Any:
    """Lists (Asta Cita, awards) stay lists in the audit trail; everything else is text."""
    return value if isinstance(value, list) else str(value)


def update_report(
    report: Report,
    *,
    actor: Any,
    seen_version: int,
    impact_measures: list[dict[str, Any]] | None = None,
    **profile: Any,
) -> Report:
    """Save profile changes unless someone else saved since `seen_version` (EditConflict).

    Only the columns given change (fields the period's rulebook hides keep their values).
    `impact_measures`, when given, becomes the report's whole list of measures (see
    `_save_measures`); None leaves them alone. Any change bumps the report's version, so two
    people editing measures at once get the same conflict as for the profile.
    Side effects: the report row, its impact measures, one audit event with before/after.
    """
    saved = {k: getattr(report, k) for k in ("implemented_on", "developed_on", "development_note")}
    problem = eligibility_problem(report.period, {**saved, **profile})
    if problem is not None:
        raise problem
    with transaction.atomic():
        # `report` was read in this request: if it is older than the database, the version
        # check below refuses the save, so its values are the "before" of a save that passes.
        before = {k: _audit_value(getattr(report, k)) for k in profile}
        after = {k: _audit_value(v) for k, v in profile.items()}
        changed = Report.objects.filter(pk=report.pk, version=seen_version).update(
            version=F("version") + 1, updated_by=actor, **profile
        )
        if not changed:
            raise EditConflict(
                "Laporan ini baru saja disimpan orang lain. Muat ulang halaman untuk melihat "
                "perubahannya; isian Anda masih ada di formulir ini."
            )
        if impact_measures is not None:
            before["impact_measures"], after["impact_measures"] = _save_measures(
                report, impact_measures
            )
        report.refresh_from_db()
        record_event(
            actor=actor,
            action="report.update",
            obj=report,
            region=report.period.region,
            summary=f"Profil {report.innovation.name} diubah",
            before=before,
            after=after,
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
    unit = report.innovation.unit if report else None
    if report is not None and report.status not in workflow.EDITABLE:
        raise ReportProblem(
            _(
                "Laporan ini berstatus %(status)s: jawaban tidak dapat diubah selama ditinjau. "
                "Tunggu hasilnya, atau minta dikembalikan bila ada yang salah."
            )
            % {"status": report.get_status_display()}
        )
    closed = workflow.input_closed_reason(period, [unit] if unit else ())
    whole_unit_open = closed is None
    if closed and not period.reopenings.filter(answer__isnull=False).exists():
        raise ReportProblem(closed)
    rulebook = rulebook_of(period.rulebook_version)
    rows = {r.code: r for r in (rulebook.sid_rows if report else rulebook.spd_rows)}
    changed: dict[str, int] = {}
    with transaction.atomic():
        existing = {
            a.row_code: a
            for a in Answer.objects.select_for_update(of=("self",))
            .filter(period=period, report=report)
            .select_related("updated_by")
            .prefetch_related("evidence")
        }
        for code, entry in entries.items():
            if code not in rows:
                raise ReportProblem(
                    _("Indikator %(code)s tidak ada pada %(rulebook)s.")
                    % {"code": code, "rulebook": rulebook.name}
                )
            level, basis = int(entry["level"]), entry.get("basis") or ""
            files = list(entry.get("evidence", []))
            answer = existing.get(code)
            seen = entry.get("seen")
            if seen is not None and seen != (answer.version if answer else 0):
                who = answer.updated_by.get_short_name() if answer and answer.updated_by else ""
                raise ReportProblem(
                    _(
                        "Indikator %(code)s baru saja disimpan orang lain%(who)s. Tidak ada yang "
                        "disimpan dari isian Anda: muat ulang halaman, periksa jawabannya, lalu "
                        "simpan lagi."
                    )
                    % {"code": code, "who": f" ({who})" if who else ""}
                )
            if answer is None:
                if level == 0 and not files:
                    continue
                if not whole_unit_open:
                    raise ReportProblem(
                        _(
                            "Indikator %(code)s: isian sudah ditutup; hanya jawaban yang dibuka "
                            "kembali yang dapat diubah. Tidak ada yang disimpan."
                        )
                        % {"code": code}
                    )
                try:
                    with transaction.atomic():
                        answer = Answer.objects.create(
                            period=period,
                            report=report,
                            row_code=code,
                            claimed_level=level,
                            basis=basis,
                            updated_by=actor,
                        )
                except IntegrityError:  # someone created this row a moment ago
                    raise ReportProblem(
                        _(
                            "Indikator %(code)s baru saja disimpan orang lain. Tidak ada yang "
                            "disimpan dari isian Anda: muat ulang halaman, lalu simpan lagi."
                        )
                        % {"code": code}
                    ) from None
                answer.evidence.set(files)
                changed[code] = level
                continue
            same_files = {f.pk for f in answer.evidence.all()} == {f.pk for f in files}
            if answer.claimed_level == level and answer.basis == basis and same_files:
                continue
            if not whole_unit_open and not workflow.input_open(period, unit, answer):
                raise ReportProblem(
                    _(
                        "Indikator %(code)s: isian sudah ditutup pada %(date)s dan jawaban ini "
                        "tidak dibuka kembali. Tidak ada yang disimpan; hubungi admin Pemda bila "
                        "perlu dibuka."
                    )
                    % {"code": code, "date": workflow.format_date(period.input_closes)}
                )
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
