"""Indicator answers and their review: fill, submit, approve, verify or return, reopen, queue.

Lookups are scoped to the user's units or region (404 otherwise), each action checks its role
predicate (403), and every state change goes through `workflow` or `services`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from inovda.accounts.access import region_ids_with_role, units_for
from inovda.accounts.models import Role
from inovda.core.models import AuditEvent
from inovda.innovations import services, workflow
from inovda.innovations.forms import RECENT_EVIDENCE, AnswersForm, picker_files
from inovda.innovations.models import Answer, Period, Report
from inovda.innovations.permissions import (
    can_approve_unit_reports,
    can_edit_unit_reports,
    can_manage_periods,
    can_verify,
    can_view_region_answers,
    can_view_unit_reports,
)
from inovda.innovations.queries import waiting_for
from inovda.innovations.scoring import innovation_points
from inovda.innovations.views import _period_for
from inovda.methodology.adapters import rulebook_of

# Files listed at most per search under a row; narrower words find the rest.
SEARCH_LIMIT = 20


def _report_for(user: Any, pk: int) -> Report:
    report = (
        Report.objects.select_related(
            "innovation__unit__region", "period__rulebook_version__rulebook", "period__region"
        )
        .filter(pk=pk, innovation__unit__in=units_for(user))
        .first()
    )
    if report is None or not can_view_unit_reports(user, report.innovation.unit):
        raise Http404("Laporan tidak ditemukan")
    return report


def _history(objects: list[Any]) -> list[AuditEvent]:
    """The audit trail of a record and its answers, newest first (one query)."""
    ids: dict[str, list[str]] = defaultdict(list)
    for obj in objects:
        ids[obj._meta.label_lower].append(str(obj.pk))
    q = Q(pk__in=[])
    for label, pks in ids.items():
        q |= Q(object_type=label, object_id__in=pks)
    return list(AuditEvent.objects.filter(q).select_related("actor")[:100])


class VerifyForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("return", "return")])
    approved_level = forms.IntegerField(min_value=0, max_value=3, required=False)
    reason = forms.CharField(required=False, max_length=2000)


def _upload_owner(request: HttpRequest, period: Period, report: Report | None) -> Any:
    """The unit new files are stored under: the report's, or (region page) the one chosen."""
    from inovda.evidence.permissions import can_add_unit_evidence
    from inovda.regions.models import Unit

    if report is not None:
        return report.innovation.unit
    raw = request.POST.get("upload_unit", "")
    unit = (
        Unit.objects.filter(pk=int(raw), region=period.region, is_active=True).first()
        if raw.isdigit()
        else None
    )
    return unit if unit is not None and can_add_unit_evidence(request.user, unit) else None


def _store_uploads(
    request: HttpRequest,
    period: Period,
    report: Report | None,
    form: AnswersForm,
    entries: dict[str, dict[str, Any]],
    saved: dict[str, Answer],
) -> dict[str, list[str]]:
    """Store each row's new evidence file and attach it to that row's entry.

    Returns row code -> error messages; with any error, no answer is saved (files already
    stored stay in the unit's evidence list, so nothing uploaded is lost).
    """
    from inovda.evidence.inspection import MAX_UPLOAD, EvidenceRejected
    from inovda.evidence.services import store_evidence

    errors: dict[str, list[str]] = {}
    owner = None
    for row in form.rows:
        upload = request.FILES.get(f"upload_{row.code}")
        if upload is None:
            continue
        owner = owner or _upload_owner(request, period, report)
        if owner is None:
            errors[row.code] = [
                _(
                    "Pilih dulu unit pemilik berkas baru (di atas, mis. Bagian Hukum untuk "
                    "Perda), lalu unggah lagi."
                )
            ]
            continue
        if upload.size > MAX_UPLOAD:
            errors[row.code] = [_("Berkas terlalu besar. Perkecil dulu, lalu unggah lagi.")]
            continue
        try:
            stored = store_evidence(
                actor=request.user,
                unit=owner,
                source=upload.file,
                name=upload.name,
            )
        except EvidenceRejected as exc:
            errors[row.code] = [f"{upload.name}: {exc}"]
            continue
        entry = entries.get(row.code)
        if entry is None:
            answer = saved.get(row.code)
            entry = entries[row.code] = {
                "level": answer.claimed_level if answer else 0,
                "basis": answer.basis if answer else "",
                "evidence": list(answer.evidence.all()) if answer else [],
            }
        entry["evidence"] = [*entry["evidence"], stored]
    if errors:
        form.add_error(
            None,
            _(
                "Ada bukti yang ditolak (lihat indikatornya). Jawaban belum disimpan; "
                "perbaiki lalu simpan lagi."
            ),
        )
    return errors


def _answers_page(
    request: HttpRequest, period: Period, report: Report | None, evidence: Any
) -> HttpResponse:
    unit = report.innovation.unit if report else None
    if report is not None:
        can_fill = can_edit_unit_reports(request.user, unit)  # type: ignore[arg-type]
        editable_now = report.status in workflow.EDITABLE
    else:
        can_fill = can_manage_periods(request.user, period.region)
        editable_now = True
    open_for_input = workflow.input_open(period, unit)
    rulebook = rulebook_of(period.rulebook_version)
    rows = rulebook.sid_rows if report else rulebook.spd_rows
    answers = list(
        Answer.objects.filter(period=period, report=report)
        .select_related("verified_by")
        .prefetch_related("evidence")
    )
    by_code = {a.row_code: a for a in answers}
    reopened_answers: set[int] = set()
    if answers and not open_for_input:
        reopened_answers = set(
            period.reopenings.filter(
                answer__in=answers, until__gte=timezone.localdate()
            ).values_list("answer_id", flat=True)
        )
    upload_errors: dict[str, list[str]] = {}
    show_form = can_fill and editable_now and (open_for_input or bool(reopened_answers))
    form = AnswersForm(request.POST or None, rows=rows, answers=answers, evidence=evidence)
    if request.method == "POST":
        if not can_fill:
            raise PermissionDenied
        if form.is_valid():
            entries_in = form.entries()
            upload_errors = _store_uploads(request, period, report, form, entries_in, by_code)
            if not upload_errors:
                try:
                    count = services.save_answers(
                        actor=request.user, period=period, report=report, entries=entries_in
                    )
                except services.ReportProblem as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(request, _("%(n)s jawaban disimpan.") % {"n": count})
                    return redirect(request.path)
        # A refused save (deadline passed mid-edit, conflict): keep what they chose on screen.
        show_form = True
    points = max_points = None
    if report is not None:
        points, max_points = innovation_points(report, answers)
    from inovda.evidence.warnings import warnings_for_answers, warnings_for_report

    warnings = warnings_for_answers(answers) if answers else {}
    report_warnings = warnings_for_report(report) if report is not None else []
    fields = {row.code: group for row, group in form.grouped()}
    entries = [
        {
            "row": row,
            "answer": by_code.get(row.code),
            "fields": fields[row.code],
            "warnings": warnings.get(by_code[row.code].pk, []) if row.code in by_code else [],
            "reopened": row.code in by_code and by_code[row.code].pk in reopened_answers,
            "upload_errors": upload_errors.get(row.code, []),
            "picked": form.picked(row.code),
            "offered": form.offered(row.code) if show_form else [],
            "search_url": reverse("innovations:report-evidence-search", args=[report.pk, row.code])
            if report is not None
            else reverse("innovations:region-evidence-search", args=[period.pk, row.code]),
        }
        for row in rows
    ]
    verifier = can_verify(request.user, period.region)
    return render(
        request,
        "innovations/answers.html",
        {
            "period": period,
            "report": report,
            "form": form,
            "entries": entries,
            "show_form": show_form,
            "can_fill": can_fill,
            "open_for_input": open_for_input,
            "can_submit": report is not None and can_fill and editable_now,
            "can_approve": report is not None
            and report.status == Report.Status.SUBMITTED
            and can_approve_unit_reports(request.user, unit),  # type: ignore[arg-type]
            "can_verify_now": verifier
            and (report is None or report.status == Report.Status.APPROVED),
            "can_reopen": can_manage_periods(request.user, period.region),
            "points": points,
            "max_points": max_points,
            "answered": sum(1 for a in answers if a.claimed_level > 0),
            "history": _history([report, *answers] if report else answers),
            "report_warnings": report_warnings,
            "nav_current": "innovations",
            "has_evidence": bool(form.recent_files()) if show_form else False,
            "recent_limit": RECENT_EVIDENCE,
            "show_unit": report is None,  # the region page picks files of every unit
            "upload_units": _region_upload_units(period) if report is None and show_form else [],
            "upload_unit": request.POST.get("upload_unit", ""),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_answers(request: HttpRequest, pk: int) -> HttpResponse:
    from inovda.evidence.models import EvidenceFile

    report = _report_for(request.user, pk)
    evidence = EvidenceFile.objects.filter(unit=report.innovation.unit)
    return _answers_page(request, report.period, report, evidence)


@login_required
@require_http_methods(["GET", "POST"])
def region_answers(request: HttpRequest, period_pk: int) -> HttpResponse:
    from inovda.evidence.models import EvidenceFile

    period = _period_for(request.user, period_pk)
    if not can_view_region_answers(request.user, period.region):
        raise PermissionDenied
    evidence = EvidenceFile.objects.filter(region=period.region).select_related("unit")
    return _answers_page(request, period, None, evidence)


def _region_upload_units(period: Period) -> list[Any]:
    """The active units of the region, one of which owns files uploaded on the region page."""
    from inovda.regions.models import Unit

    return list(
        Unit.objects.filter(region=period.region, is_active=True).order_by("name").only("name")
    )


def _evidence_search(
    request: HttpRequest, evidence: Any, rows: Any, code: str, *, show_unit: bool
) -> HttpResponse:
    """Up to SEARCH_LIMIT files matching `cari`, minus those already ticked under the row."""
    if code not in {r.code for r in rows}:
        raise Http404("Indikator tidak ditemukan")
    ticked = [v for v in request.GET.getlist(f"evidence_{code}") if v.isdigit()]
    query = " ".join(request.GET.get("cari", "").split())[:100]
    found = picker_files(evidence.exclude(pk__in=ticked))
    if query:
        found = found.filter(
            Q(original_name__icontains=query)
            | Q(doc_number__icontains=query)
            | Q(doc_subject__icontains=query)
        )
    files = list(found.order_by("-uploaded_at", "-id")[: SEARCH_LIMIT + 1])
    return render(
        request,
        "innovations/_evidence_choices.html",
        {
            "files": files[:SEARCH_LIMIT],
            "more": len(files) > SEARCH_LIMIT,
            "query": query,
            "field_name": f"evidence_{code}",
            "show_unit": show_unit,
        },
    )


@login_required
@require_http_methods(["GET"])
def report_evidence_search(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """The unit's evidence files to tick under one indicator (htmx, from the answers page)."""
    from inovda.evidence.models import EvidenceFile

    report = _report_for(request.user, pk)
    if not can_edit_unit_reports(request.user, report.innovation.unit):
        raise PermissionDenied
    rows = rulebook_of(report.period.rulebook_version).sid_rows
    evidence = EvidenceFile.objects.filter(unit=report.innovation.unit)
    return _evidence_search(request, evidence, rows, code, show_unit=False)


@login_required
@require_http_methods(["GET"])
def region_evidence_search(request: HttpRequest, period_pk: int, code: str) -> HttpResponse:
    """The region's evidence files to tick under one region indicator (htmx)."""
    from inovda.evidence.models import EvidenceFile

    period = _period_for(request.user, period_pk)
    if not can_manage_periods(request.user, period.region):
        raise PermissionDenied
    rows = rulebook_of(period.rulebook_version).spd_rows
    evidence = EvidenceFile.objects.filter(region=period.region)
    return _evidence_search(request, evidence, rows, code, show_unit=True)


@login_required
@require_POST
def answers_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The claimed points as the operator clicks, before saving (htmx); nothing is stored."""
    from types import SimpleNamespace

    report = _report_for(request.user, pk)
    rulebook = rulebook_of(report.period.rulebook_version)
    rows = {r.code: r for r in rulebook.sid_rows}
    current = {a.row_code: a for a in report.answers.all()}
    levels: dict[str, Any] = {}
    for code, row in rows.items():
        raw = request.POST.get(f"level_{code}")
        saved = current.get(code)
        level = saved.claimed_level if saved else 0
        if raw is not None and raw.isdigit() and int(raw) <= len(row.parameters):
            level = int(raw)
        basis = request.POST.get(f"basis_{code}", saved.basis if saved else "")
        if basis not in {b.code for b in row.bases}:
            basis = ""
        levels[code] = SimpleNamespace(row_code=code, claimed_level=level, basis=basis or "")
    points, max_points = innovation_points(report, list(levels.values()))
    unsaved = any(
        (current[c].claimed_level if c in current else 0) != a.claimed_level
        for c, a in levels.items()
    )
    return render(
        request,
        "innovations/_live_points.html",
        {
            "report": report,
            "show_form": True,
            "points": points,
            "max_points": max_points,
            "answered": sum(1 for a in levels.values() if a.claimed_level > 0),
            "row_count": len(rows),
            "unsaved": unsaved,
        },
    )


def _act(request: HttpRequest, report: Report, action: Any, success: str) -> HttpResponse:
    try:
        action()
    except workflow.WorkflowProblem as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("innovations:report-answers", pk=report.pk)


def _step(request: HttpRequest, pk: int, may: Any, verb: Any, success: str) -> HttpResponse:
    """One workflow step on a report: scoped lookup (404), role predicate (403), the verb."""
    report = _report_for(request.user, pk)
    if not may(request.user, report.innovation.unit):
        raise PermissionDenied
    return _act(request, report, lambda: verb(report), success)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        can_edit_unit_reports,
        lambda r: workflow.submit_report(r, actor=request.user),
        _("Laporan diajukan ke kepala unit untuk disetujui."),
    )


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        can_approve_unit_reports,
        lambda r: workflow.approve_report(r, actor=request.user),
        _("Laporan disetujui dan diteruskan ke verifikator."),
    )


@login_required
@require_POST
def send_back(request: HttpRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _step(
        request,
        pk,
        can_approve_unit_reports,
        lambda r: workflow.send_back_to_operator(r, actor=request.user, reason=reason),
        _("Laporan dikembalikan ke operator."),
    )


@login_required
@require_POST
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or return one answer; htmx swaps the answer's card, a plain post redirects."""
    answer = (
        Answer.objects.select_related("period__region", "report__innovation__unit")
        .filter(pk=pk)
        .first()
    )
    if answer is None or not can_view_region_answers(request.user, answer.period.region):
        raise Http404("Jawaban tidak ditemukan")
    if not can_verify(request.user, answer.period.region):
        raise PermissionDenied
    back = (
        reverse("innovations:report-answers", args=[answer.report_id])
        if answer.report_id
        else reverse("innovations:region-answers", args=[answer.period_id])
    )
    form = VerifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih Terima atau Kembalikan, dengan tingkat 0–3."))
        return redirect(back + f"#jawaban-{answer.row_code}")
    data = form.cleaned_data
    before = answer.report.status if answer.report else None
    try:
        workflow.verify_answer(
            answer,
            actor=request.user,
            accept=data["decision"] == "accept",
            approved_level=data["approved_level"],
            reason=data["reason"],
        )
    except workflow.WorkflowProblem as exc:
        messages.error(request, f"{_('Indikator')} {answer.row_code}: {exc}")
    else:
        if answer.report_id:
            answer.report.refresh_from_db(fields=["status"])
            if answer.report.status != before:
                messages.success(
                    request,
                    _("Verifikasi selesai: laporan kini berstatus %(s)s.")
                    % {"s": answer.report.get_status_display()},
                )
    return redirect(back + f"#jawaban-{answer.row_code}")


class ReopenForm(forms.Form):
    until = forms.DateField(
        label=gettext_lazy("Dibuka sampai"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=gettext_lazy("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Reopen one unit (from a report page) or one answer, after the deadline."""
    report = _report_for(request.user, pk)
    period = report.period
    if not can_manage_periods(request.user, period.region):
        raise PermissionDenied
    form = ReopenForm(request.POST)
    answer = None
    if request.POST.get("answer"):
        answer = Answer.objects.filter(pk=request.POST["answer"], report=report).first()
        if answer is None:
            raise Http404("Jawaban tidak ditemukan")
    if not form.is_valid():
        messages.error(request, _("Isi tanggal 'dibuka sampai' dan alasannya."))
        return redirect("innovations:report-answers", pk=report.pk)
    unit = None if answer else report.innovation.unit
    return _act(
        request,
        report,
        lambda: workflow.reopen(
            period,
            actor=request.user,
            until=form.cleaned_data["until"],
            reason=form.cleaned_data["reason"],
            unit=unit,
            answer=answer,
        ),
        _("Isian dibuka kembali sampai %(d)s.") % {"d": form.cleaned_data["until"]},
    )


@login_required
@require_POST
def advance(request: HttpRequest, period_pk: int, step: str) -> HttpResponse:
    """Mark the period's verified reports ready to send, or the ready ones sent."""
    period = _period_for(request.user, period_pk)
    if not can_manage_periods(request.user, period.region):
        raise PermissionDenied
    ids = [int(i) for i in request.POST.getlist("report") if i.isdigit()]
    reports = Report.objects.filter(period=period)
    if ids:
        reports = reports.filter(pk__in=ids)
    if step == "siap":
        n = workflow.mark_ready(
            list(reports.filter(status=Report.Status.VERIFIED)), actor=request.user
        )
        messages.success(request, _("%(n)s laporan ditandai siap dikirim.") % {"n": n})
    elif step == "terkirim":
        n = workflow.mark_sent(list(reports.filter(status=Report.Status.READY)), actor=request.user)
        messages.success(
            request, _("%(n)s laporan dicatat terkirim ke portal nasional.") % {"n": n}
        )
    else:
        raise Http404
    return redirect("innovations:queue")


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """What waits for me, soonest deadline first: by role, across my units and region."""
    user = request.user
    admin_regions = region_ids_with_role(user, Role.REGION_ADMIN)
    S = Report.Status
    state = request.GET.get("status", "")
    reports = (
        waiting_for(user)
        .select_related("innovation__unit", "period")
        .defer("design", "goals", "benefits", "results", "development_note")
        .order_by("period__verification_closes", "period__input_closes", "submitted_at", "pk")
    )
    if state in S.values:
        reports = reports.filter(status=state)
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "innovations/queue.html",
        {
            "page_obj": page,
            "statuses": S.choices,
            "state": state,
            "is_admin": bool(admin_regions),
            "today": timezone.localdate(),
            "nav_current": "queue",
        },
    )
