"""The review workflow of a report and its answers, as verb services.

draft -> submitted (operator) -> approved (head of the unit) -> verified (coordinating agency,
every answer accepted, possibly at a lower level than claimed) or returned (a reason per answer)
-> fixed and resubmitted -> ... -> ready to send -> sent (to the national portal).

Deadlines lock the matching action: filling and submitting after `input_closes`, verifying after
`verification_closes`; a region admin reopens one unit or one answer with a reason (`Reopening`).
Each verb checks the state it starts from under a row lock, so two people acting at once cannot
both succeed, and writes one audit event; notices go through `inovda.notifications` in the
same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inovda.accounts.models import Role
from inovda.core.models import record_event
from inovda.innovations.models import Answer, Period, Reopening, Report
from inovda.notifications.services import notify_region, notify_unit
from inovda.regions.models import Unit
from inovda.scoring.types import row_code_key

Status = Report.Status
EDITABLE = (Status.DRAFT, Status.RETURNED)


class WorkflowProblem(ValueError):
    """An action that cannot happen now; the message says why and what to do."""


def format_date(d: dt.date) -> str:
    """A date in the reader's language, e.g. 7 Maret 2026."""
    from django.utils.formats import date_format

    return date_format(d, "j F Y")


def _today() -> dt.date:
    return timezone.localdate()


def input_closed_reason(
    period: Period, units: Iterable[Unit | int] = (), answer: Answer | None = None
) -> str | None:
    """Why these units or unit pks (none: the region) cannot fill this period today, or None
    when one can.

    Before input opens, nobody can; after it closes, only a unit (or an answer) reopened until
    today or later. One query at most.
    """
    today = _today()
    if today < period.input_opens:
        return _(
            "Isian periode ini baru dibuka pada %(date)s. Simpan nanti setelah tanggal itu."
        ) % {"date": format_date(period.input_opens)}
    if today <= period.input_closes:
        return None
    reopened = Q(unit__in=list(units))
    if answer is not None and answer.pk:
        reopened |= Q(answer=answer)
    if Reopening.objects.filter(reopened, period=period, until__gte=today).exists():
        return None
    return _(
        "Isian periode ini sudah ditutup pada %(date)s. Hubungi admin Pemda bila perlu dibuka "
        "kembali; yang sudah tersimpan tetap aman."
    ) % {"date": format_date(period.input_closes)}


def input_open(period: Period, unit: Unit | None = None, answer: Answer | None = None) -> bool:
    """Can the unit (or the region, unit=None) still fill this period today?"""
    return input_closed_reason(period, [unit] if unit else (), answer) is None


def require_input_open(
    period: Period, unit: Unit | None = None, answer: Answer | None = None
) -> None:
    reason = input_closed_reason(period, [unit] if unit else (), answer)
    if reason:
        raise WorkflowProblem(reason)


def require_verification_open(period: Period) -> None:
    if _today() > period.verification_closes:
        raise WorkflowProblem(
            _("Verifikasi periode ini sudah ditutup pada %(date)s.")
            % {"date": format_date(period.verification_closes)}
        )


def _locked_reports() -> Any:
    """Reports locked for a state change, with what the audit event and notices read."""
    return Report.objects.select_for_update(of=("self",)).select_related(
        "innovation__unit__region", "period__region"
    )


def _locked_report(report: Report) -> Report:
    return _locked_reports().get(pk=report.pk)


def _move(report: Report, actor: Any, action: str, new: str, summary: str, **stamps: Any) -> None:
    old = report.status
    report.status = new
    for field, value in stamps.items():
        setattr(report, field, value)
    report.updated_by = actor
    report.save(update_fields=["status", "updated_by", "updated_at", *stamps])
    record_event(
        actor=actor,
        action=action,
        obj=report,
        region=report.period.region,
        summary=summary,
        before={"status": old},
        after={"status": new},
    )


def submit_report(report: Report, *, actor: Any) -> Report:
    """The operator sends the report for the head's approval (first time or after a return)."""
    with transaction.atomic():
        report = _locked_report(report)
        unit = report.innovation.unit
        if report.status not in EDITABLE:
            raise WorkflowProblem(
                _("Laporan ini sudah berstatus %(status)s; tidak perlu diajukan.")
                % {"status": report.get_status_display()}
            )
        require_input_open(report.period, unit)
        answers = list(report.answers.all())
        if not any(a.claimed_level > 0 for a in answers):
            raise WorkflowProblem(
                _(
                    "Belum ada indikator yang dijawab. Isi indikator inovasi beserta buktinya, "
                    "lalu ajukan."
                )
            )
        still_returned = sorted(
            (a.row_code for a in answers if a.status == Answer.Status.RETURNED), key=row_code_key
        )
        if still_returned:
            raise WorkflowProblem(
                _(
                    "Indikator %(codes)s masih dikembalikan verifikator. Perbaiki jawabannya "
                    "(pilihan atau bukti), simpan, lalu ajukan lagi."
                )
                % {"codes": ", ".join(still_returned)}
            )
        again = report.submitted_at is not None
        _move(
            report,
            actor,
            "report.submit",
            Status.SUBMITTED,
            f"{report.innovation.name} {'diajukan ulang' if again else 'diajukan'}",
            submitted_at=timezone.now(),
        )
        notify_unit(
            unit,
            Role.UNIT_HEAD,
            kind="submitted",
            title=f"Menunggu persetujuan Anda: {report.innovation.name}",
            body=f"{unit.name} mengajukan laporan {report.innovation.name} ({report.period.name}).",
            url=_answers_url(report),
        )
    return report


def approve_report(report: Report, *, actor: Any) -> Report:
    """The head of the unit approves what the operator submitted; it goes to the verifiers."""
    with transaction.atomic():
        report = _locked_report(report)
        if report.status != Status.SUBMITTED:
            raise WorkflowProblem(
                _("Hanya laporan berstatus Diajukan yang dapat disetujui; laporan ini %(status)s.")
                % {"status": report.get_status_display()}
            )
        _move(
            report,
            actor,
            "report.approve",
            Status.APPROVED,
            f"{report.innovation.name} disetujui kepala unit",
            approved_at=timezone.now(),
        )
        notify_region(
            report.period.region,
            Role.VERIFIER,
            kind="approved",
            title=f"Siap diverifikasi: {report.innovation.name}",
            body=f"{report.innovation.unit.name} — {report.period.name}",
            url=_answers_url(report),
        )
    return report


def send_back_to_operator(report: Report, *, actor: Any, reason: str) -> Report:
    """The head sends a submitted report back to the operator with a note (before approval)."""
    reason = reason.strip()
    if not reason:
        raise WorkflowProblem(_("Tulis catatan untuk operator: apa yang harus diperbaiki."))
    with transaction.atomic():
        report = _locked_report(report)
        if report.status != Status.SUBMITTED:
            raise WorkflowProblem(_("Hanya laporan berstatus Diajukan yang dapat dikembalikan."))
        _move(
            report,
            actor,
            "report.send_back",
            Status.RETURNED,
            f"{report.innovation.name} dikembalikan kepala unit: {reason}",
        )
        notify_unit(
            report.innovation.unit,
            kind="returned",
            title=f"Dikembalikan kepala unit: {report.innovation.name}",
            body=reason,
            url=_answers_url(report),
        )
    return report


def verify_answer(
    answer: Answer,
    *,
    actor: Any,
    accept: bool,
    approved_level: int | None = None,
    reason: str = "",
) -> Answer:
    """Accept an answer (at the claimed level or lower) or return it with a reason.

    An innovation's answer is verified once its head approved the report; a region-level answer
    (SPD) at any time in the verification window. When the last answer of a report is decided,
    the report becomes verified, or returned if any answer was returned (one notification).
    """
    reason = reason.strip()
    with transaction.atomic():
        answer = (
            Answer.objects.select_for_update(of=("self",))
            .select_related("period__region", "report__innovation__unit")
            .get(pk=answer.pk)
        )
        period = answer.period
        require_verification_open(period)
        if answer.report_id is not None:
            report = _locked_report(answer.report)
            if report.status != Status.APPROVED:
                raise WorkflowProblem(
                    _(
                        "Laporan ini belum disetujui kepala unit (atau sudah selesai "
                        "diverifikasi); statusnya %(status)s."
                    )
                    % {"status": report.get_status_display()}
                )
        if accept:
            level = answer.claimed_level if approved_level is None else int(approved_level)
            if not 0 <= level <= answer.claimed_level:
                raise WorkflowProblem(
                    _("Tingkat yang disetujui harus antara 0 dan tingkat yang diklaim (%(level)s).")
                    % {"level": answer.claimed_level}
                )
            if level < answer.claimed_level and not reason:
                raise WorkflowProblem(
                    _("Tulis alasan mengapa tingkat yang disetujui lebih rendah dari klaim.")
                )
            new_status, new_level = Answer.Status.ACCEPTED, level
        else:
            if not reason:
                raise WorkflowProblem(
                    _("Tulis alasan pengembalian: apa yang kurang dan bagaimana memperbaikinya.")
                )
            new_status, new_level = Answer.Status.RETURNED, None
        before = {"status": answer.status, "approved_level": answer.approved_level}
        answer.status, answer.approved_level, answer.reason = new_status, new_level, reason
        answer.verified_by, answer.verified_at = actor, timezone.now()
        answer.save(
            update_fields=[
                "status",
                "approved_level",
                "reason",
                "verified_by",
                "verified_at",
                "updated_at",
            ]
        )
        verb = "diterima" if accept else "dikembalikan"
        record_event(
            actor=actor,
            action="answer.verify",
            obj=answer,
            region=period.region,
            summary=f"Indikator {answer.row_code} {verb}" + (f": {reason}" if reason else ""),
            before=before,
            after={"status": new_status, "approved_level": new_level},
        )
        if answer.report_id is not None:
            _close_verification_if_done(report, actor)
    return answer


def _close_verification_if_done(report: Report, actor: Any) -> None:
    answers = list(report.answers.all())
    if any(a.status == Answer.Status.DRAFT for a in answers):
        return
    returned = sorted(
        (a for a in answers if a.status == Answer.Status.RETURNED),
        key=lambda a: row_code_key(a.row_code),
    )
    if returned:
        _move(
            report,
            actor,
            "report.return",
            Status.RETURNED,
            f"{report.innovation.name} dikembalikan: {len(returned)} indikator perlu diperbaiki",
        )
        notify_unit(  # in the same transaction: no notice of a decision rolled back
            report.innovation.unit,
            kind="returned",
            title=f"Dikembalikan verifikator: {report.innovation.name}",
            body="\n".join(f"- Indikator {a.row_code}: {a.reason}" for a in returned),
            url=_answers_url(report),
        )
    else:
        _move(
            report,
            actor,
            "report.verify",
            Status.VERIFIED,
            f"{report.innovation.name} terverifikasi",
            verified_at=timezone.now(),
        )
        notify_unit(
            report.innovation.unit,
            kind="verified",
            title=f"Terverifikasi: {report.innovation.name}",
            body=f"Semua indikator {report.innovation.name} diterima verifikator.",
            url=_answers_url(report),
        )


def mark_ready(reports: Iterable[Report], *, actor: Any) -> int:
    """Verified reports are marked ready to send to the national portal; returns how many."""
    return _advance(reports, actor, Status.VERIFIED, Status.READY, "report.ready", "siap dikirim")


def mark_sent(reports: Iterable[Report], *, actor: Any) -> int:
    """Ready reports are recorded as sent to the national portal (with the moment)."""
    return _advance(
        reports, actor, Status.READY, Status.SENT, "report.sent", "terkirim ke portal nasional",
        sent_at=timezone.now(),
    )  # fmt: skip


def _advance(
    reports: Iterable[Report], actor: Any, old: str, new: str, action: str, what: str,
    **stamps: Any,
) -> int:  # fmt: skip
    """Move those of `reports` still in `old` to `new`, all locked in one query."""
    with transaction.atomic():
        locked = list(_locked_reports().filter(pk__in=[r.pk for r in reports], status=old))
        for report in locked:
            _move(report, actor, action, new, f"{report.innovation.name} {what}", **stamps)
    return len(locked)


def reopen(
    period: Period,
    *,
    actor: Any,
    until: dt.date,
    reason: str,
    unit: Unit | None = None,
    answer: Answer | None = None,
) -> Reopening:
    """A region admin reopens one unit (all its reports) or one answer after the deadline."""
    reason = reason.strip()
    if (unit is None) == (answer is None):
        raise WorkflowProblem(_("Pilih satu unit atau satu jawaban yang dibuka kembali."))
    if not reason:
        raise WorkflowProblem(
            _("Tulis alasan pembukaan kembali; alasan ini tercatat di jejak audit.")
        )
    if until < _today():
        raise WorkflowProblem(_("Tanggal 'dibuka sampai' tidak boleh sebelum hari ini."))
    if until > period.verification_closes:
        raise WorkflowProblem(
            _("Tanggal 'dibuka sampai' paling lambat %(date)s (akhir verifikasi).")
            % {"date": format_date(period.verification_closes)}
        )
    target_unit = unit or (answer.report.innovation.unit if answer and answer.report else None)
    with transaction.atomic():
        opening = Reopening.objects.create(
            period=period, unit=unit, answer=answer, until=until, reason=reason, opened_by=actor
        )
        if answer is not None and answer.status == Answer.Status.RETURNED and answer.report:
            report = _locked_report(answer.report)
            if report.status not in EDITABLE:
                _move(report, actor, "report.reopen", Status.RETURNED, "Dibuka kembali")
        what = f"unit {unit.name}" if unit else f"jawaban indikator {answer.row_code}"  # type: ignore[union-attr]
        record_event(
            actor=actor,
            action="period.reopen",
            obj=opening,
            region=period.region,
            summary=f"Isian {what} dibuka kembali s.d. {format_date(until)}: {reason}",
        )
        if target_unit is not None:
            notify_unit(
                target_unit,
                kind="info",
                title=f"Isian dibuka kembali s.d. {format_date(until)}",
                body=reason,
                url=reverse("innovations:report-list", args=[period.pk]),
            )
    return opening


def _answers_url(report: Report) -> str:
    return reverse("innovations:report-answers", args=[report.pk])
