"""Periods and innovation reports: lookup scoped to the user (404), predicate (403), service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inovda.accounts.access import home_region, units_for
from inovda.innovations import services
from inovda.innovations.forms import AnswersForm, NewReportForm, PeriodForm, ReportForm
from inovda.innovations.models import Period, Report
from inovda.innovations.permissions import (
    can_edit_unit_reports,
    can_manage_periods,
    can_view_region_answers,
    can_view_unit_reports,
)
from inovda.innovations.scoring import innovation_points, period_scores
from inovda.methodology.adapters import rulebook_of
from inovda.methodology.queries import latest_version, rulebooks_for


def _periods_for(user: object) -> object:
    region = home_region(user)
    if region is None:
        raise PermissionDenied
    return region, Period.objects.filter(region=region).select_related("rulebook_version__rulebook")


def _period_for(user: object, pk: int) -> Period:
    _region, periods = _periods_for(user)
    period = periods.filter(pk=pk).first()
    if period is None:
        raise Http404("Periode tidak ditemukan")
    return period


@login_required
@require_http_methods(["GET", "POST"])
def period_list(request: HttpRequest) -> HttpResponse:
    region, periods = _periods_for(request.user)
    can_manage = can_manage_periods(request.user, region)
    form = PeriodForm(request.POST or None, rulebooks=rulebooks_for(request.user))
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            rulebook = data.pop("rulebook")
            period = services.create_period(
                actor=request.user, region=region, rulebook_version=latest_version(rulebook), **data
            )
            messages.success(request, _("Periode %(name)s dibuat.") % {"name": period.name})
            return redirect("innovations:report-list", period_pk=period.pk)
    return render(
        request,
        "innovations/period_list.html",
        {
            "region": region,
            "periods": periods,
            "form": form,
            "can_manage": can_manage,
            "nav_current": "innovations",
        },
    )


@login_required
def report_list(request: HttpRequest, period_pk: int) -> HttpResponse:
    period = _period_for(request.user, period_pk)
    units = [
        u
        for u in units_for(request.user).filter(region=period.region).select_related("region")
        if can_view_unit_reports(request.user, u)
    ]
    reports = (
        Report.objects.filter(period=period, innovation__unit__in=units)
        .select_related("innovation__unit")
        .order_by("innovation__unit__name", "innovation__name")
    )
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    can_add = any(can_edit_unit_reports(request.user, u) for u in units)
    region_reader = can_view_region_answers(request.user, period.region)
    scores = period_scores(period) if region_reader else None
    idle_units = (
        [
            u
            for u in units
            if u.kind in ("opd", "badan")
            and u.pk
            not in set(
                Report.objects.filter(period=period).values_list("innovation__unit_id", flat=True)
            )
        ]
        if region_reader
        else []
    )
    return render(
        request,
        "innovations/report_list.html",
        {
            "period": period,
            "page_obj": page,
            "can_add": can_add,
            "nav_current": "innovations",
            "min_words": rulebook_of(period.rulebook_version).eligibility.design_min_words,
            "scores": scores,
            "idle_units": idle_units,
            "region_reader": region_reader,
        },
    )


def _locked(period: Period) -> bool:
    return timezone.localdate() > period.input_closes


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest, period_pk: int) -> HttpResponse:
    period = _period_for(request.user, period_pk)
    units = units_for(request.user).filter(region=period.region, is_active=True)
    editable = [
        u.pk for u in units.select_related("region") if can_edit_unit_reports(request.user, u)
    ]
    if not editable:
        raise PermissionDenied
    previous = Report.objects.filter(
        innovation__unit__in=editable, period__input_opens__lt=period.input_opens
    ).select_related("innovation", "period")
    form = NewReportForm(
        request.POST or None, units=units.filter(pk__in=editable), previous=previous
    )
    if request.method == "POST" and _locked(period):
        form.add_error(
            None, _("Isian periode ini sudah ditutup pada %(d)s.") % {"d": period.input_closes}
        )
    elif request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit, name, prev = data.pop("unit"), data.pop("name"), data.pop("previous")
        try:
            report = services.register_innovation(
                actor=request.user, unit=unit, period=period, name=name, previous=prev, **data
            )
        except services.ReportProblem as exc:
            form.add_error(exc.field, str(exc))
        else:
            messages.success(request, _("Inovasi %(name)s terdaftar.") % {"name": name})
            return redirect("innovations:report-edit", pk=report.pk)
    return render(
        request,
        "innovations/report_form.html",
        {
            "period": period,
            "form": form,
            "report": None,
            "nav_current": "innovations",
            "min_words": rulebook_of(period.rulebook_version).eligibility.design_min_words,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = (
        Report.objects.select_related(
            "innovation__unit__region", "period__rulebook_version__rulebook"
        )
        .filter(pk=pk, innovation__unit__in=units_for(request.user))
        .first()
    )
    if report is None or not can_view_unit_reports(request.user, report.innovation.unit):
        raise Http404("Laporan tidak ditemukan")
    can_edit = can_edit_unit_reports(request.user, report.innovation.unit)
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if _locked(report.period):
            form.add_error(
                None,
                _("Isian periode ini sudah ditutup pada %(d)s.")
                % {"d": report.period.input_closes},
            )
        elif form.is_valid():
            try:
                seen = int(request.POST.get("seen_version", "0"))
                services.update_report(
                    report, actor=request.user, seen_version=seen, **form.cleaned_data
                )
            except services.ReportProblem as exc:
                form.add_error(exc.field, str(exc))
            else:
                messages.success(request, _("Profil inovasi disimpan."))
                return redirect("innovations:report-edit", pk=report.pk)
    return render(
        request,
        "innovations/report_form.html",
        {
            "period": report.period,
            "form": form,
            "report": report,
            "can_edit": can_edit,
            "nav_current": "innovations",
            "min_words": rulebook_of(report.period.rulebook_version).eligibility.design_min_words,
        },
    )


@login_required
@require_POST
def word_count(request: HttpRequest) -> HttpResponse:
    """Live word count of the design text (htmx), checked against the rulebook minimum."""
    words = len(request.POST.get("design", "").split())
    try:
        minimum = int(request.POST.get("min_words", "0"))
    except ValueError:
        minimum = 0
    css = "badge" if words >= minimum else "badge warn"
    return HttpResponse(
        format_html(
            '<span class="{}" id="word-count" data-testid="word-count">{} / {} kata</span>',
            css,
            words,
            minimum,
        )
    )


def _answers_page(
    request: HttpRequest, period: Period, report: Report | None, evidence: Any, can_edit: bool
) -> HttpResponse:
    from inovda.innovations.models import Answer

    rulebook = rulebook_of(period.rulebook_version)
    rows = rulebook.sid_rows if report else rulebook.spd_rows
    answers = Answer.objects.filter(period=period, report=report).prefetch_related("evidence")
    form = AnswersForm(request.POST or None, rows=rows, answers=list(answers), evidence=evidence)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                count = services.save_answers(
                    actor=request.user, period=period, report=report, entries=form.entries()
                )
            except services.ReportProblem as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("%(n)s jawaban disimpan.") % {"n": count})
                return redirect(request.path)
    points = max_points = None
    if report is not None:
        points, max_points = innovation_points(report)
    return render(
        request,
        "innovations/answers.html",
        {
            "period": period,
            "report": report,
            "form": form,
            "can_edit": can_edit,
            "points": points,
            "max_points": max_points,
            "nav_current": "innovations",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_answers(request: HttpRequest, pk: int) -> HttpResponse:
    from inovda.evidence.models import EvidenceFile

    report = (
        Report.objects.select_related(
            "innovation__unit__region", "period__rulebook_version__rulebook"
        )
        .filter(pk=pk, innovation__unit__in=units_for(request.user))
        .first()
    )
    if report is None or not can_view_unit_reports(request.user, report.innovation.unit):
        raise Http404("Laporan tidak ditemukan")
    evidence = EvidenceFile.objects.filter(unit=report.innovation.unit)
    can_edit = can_edit_unit_reports(request.user, report.innovation.unit)
    return _answers_page(request, report.period, report, evidence, can_edit)


@login_required
@require_http_methods(["GET", "POST"])
def region_answers(request: HttpRequest, period_pk: int) -> HttpResponse:
    from inovda.evidence.models import EvidenceFile

    period = _period_for(request.user, period_pk)
    if not can_view_region_answers(request.user, period.region):
        raise PermissionDenied
    evidence = EvidenceFile.objects.filter(region=period.region).select_related("unit")
    return _answers_page(
        request, period, None, evidence, can_manage_periods(request.user, period.region)
    )
