"""Periods and innovation reports: lookup scoped to the user (404), predicate (403), service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inovda.accounts.access import home_region, units_for
from inovda.innovations import services, workflow
from inovda.innovations.forms import (
    AwardFormSet,
    ImpactMeasureFormSet,
    NewReportForm,
    PeriodForm,
    ReportForm,
    list_formset,
)
from inovda.innovations.models import Period, Report
from inovda.innovations.permissions import (
    can_edit_unit_reports,
    can_manage_periods,
    can_view_region_answers,
    can_view_unit_reports,
)
from inovda.innovations.queries import count_by_status
from inovda.innovations.scoring import period_scores
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
@require_http_methods(["GET", "POST"])
def period_edit(request: HttpRequest, period_pk: int) -> HttpResponse:
    """The region admin moves the schedule (a national deadline moved, a late start)."""
    period = _period_for(request.user, period_pk)
    if not can_manage_periods(request.user, period.region):
        raise PermissionDenied
    form = PeriodForm(request.POST or None, instance=period)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in services.SCHEDULE_FIELDS}
        try:
            services.update_period_schedule(period, actor=request.user, **data)
        except IntegrityError:
            form.add_error("name", _("Periode dengan nama ini sudah ada di Pemda ini."))
        else:
            messages.success(request, _("Jadwal %(name)s disimpan.") % {"name": data["name"]})
            return redirect("innovations:report-list", period_pk=period.pk)
    return render(
        request,
        "innovations/period_form.html",
        {"period": period, "form": form, "nav_current": "innovations"},
    )


# Units a regional regulation (Perbup) may require to innovate every year: the agencies.
IDLE_KINDS = ("opd", "badan", "sekretariat")


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
    scores = period_scores(period, with_fixes=True) if region_reader else None
    status_counts = count_by_status(reports)
    readiness: list[dict[str, Any]] = []
    if region_reader:
        from inovda.notifications.readiness import unit_readiness

        # Units that report, and the agencies expected to: not every kelurahan of the region.
        readiness = [
            r for r in unit_readiness(period) if r["total"] or r["unit"].kind in IDLE_KINDS
        ]
    idle_units = [r["unit"] for r in readiness if not r["total"]]
    today = timezone.localdate()
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
            "readiness": readiness,
            "status_counts": [
                (value, label, status_counts.get(value, 0))
                for value, label in Report.Status.choices
            ],
            "can_manage": can_manage_periods(request.user, period.region),
            "days_to_close": (period.input_closes - today).days,
            "days_to_national": (period.national_deadline - today).days
            if period.national_deadline
            else None,
        },
    )


def _lock_reason(period: Period, units: list[Any], report: Report | None = None) -> str | None:
    """Why the profile cannot be saved now (deadline, reopenings, review), or None."""
    if report is not None and report.status not in workflow.EDITABLE:
        return _(
            "Laporan ini berstatus %(s)s: profil tidak dapat diubah selama ditinjau. Tunggu "
            "hasilnya, atau minta dikembalikan bila ada yang salah."
        ) % {"s": report.get_status_display()}
    return workflow.input_closed_reason(period, units)


def _report_lists(form: ReportForm, data: Any, report: Report | None) -> tuple[Any, Any]:
    """The awards and impact-measure formsets, or None where the rulebook does not ask them."""
    awards = measures = None
    if form.shows("awards"):
        awards = list_formset(
            AwardFormSet,
            data,
            prefix="awards",
            initial=list(report.awards) if report else [],
            form=form,
            code="awards",
        )
    if form.shows("impact_measures"):
        initial = (
            [
                {"id": m.pk, **{k: getattr(m, k) for k in services.IMPACT_FIELDS}}
                for m in report.impact_measures.all()
            ]
            if report
            else []
        )
        measures = list_formset(
            ImpactMeasureFormSet,
            data,
            prefix="impact",
            initial=initial,
            form=form,
            code="impact_measures",
        )
    return awards, measures


def _all_valid(*forms: Any) -> bool:
    # A list not posted (unbound) is left as it is; every posted form runs to show its errors.
    return all([f.is_valid() for f in forms if f is not None and f.is_bound])


def _rows(formset: Any) -> list[dict[str, Any]] | None:
    """The rows to save, or None when the list was not posted (then it is left unchanged)."""
    return formset.rows() if formset is not None and formset.is_bound else None


def _with_added_row(
    request: HttpRequest, form: ReportForm, awards: Any, measures: Any, **form_kwargs: Any
) -> tuple[ReportForm, Any, Any]:
    """ "Tambah baris": the page again with one more empty row; nothing checked or saved."""
    which = request.POST.get("add_row")
    return (
        form.unvalidated_copy(**form_kwargs),
        awards.unvalidated_copy(extra_row=which == "awards") if awards else None,
        measures.unvalidated_copy(extra_row=which == "impact") if measures else None,
    )


def _render_report_form(
    request: HttpRequest, period: Period, report: Report | None, **context: Any
) -> HttpResponse:
    rulebook = rulebook_of(period.rulebook_version)
    posted = request.POST.get("seen_version") if request.method == "POST" else None
    return render(
        request,
        "innovations/report_form.html",
        {
            "period": period,
            "report": report,
            "rulebook": rulebook,
            "nav_current": "innovations",
            "min_words": rulebook.eligibility.design_min_words,
            # Kept from the page the person opened (also after an error or an added row), so
            # a later save still notices what others saved meanwhile.
            "seen_version": posted or (report.version if report else None),
            **context,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest, period_pk: int) -> HttpResponse:
    from inovda.evidence.models import EvidenceFile

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
    form_kwargs = {
        "units": units.filter(pk__in=editable),
        "previous": previous,
        "rulebook": rulebook_of(period.rulebook_version),
        "evidence": EvidenceFile.objects.filter(unit__in=editable),
    }
    # One unit to register for (the usual operator): chosen already.
    initial = {"unit": editable[0]} if len(editable) == 1 else {}
    form = NewReportForm(request.POST or None, initial=initial, **form_kwargs)
    awards, measures = _report_lists(form, request.POST or None, None)
    if request.method == "POST" and request.POST.get("add_row"):
        form, awards, measures = _with_added_row(request, form, awards, measures, **form_kwargs)
    elif request.method == "POST" and (lock := _lock_reason(period, editable)):
        form.add_error(None, lock)
    elif request.method == "POST" and _all_valid(form, awards, measures):
        data = dict(form.cleaned_data)
        unit, name, prev = data.pop("unit"), data.pop("name"), data.pop("previous")
        if _rows(awards) is not None:
            data["awards"] = _rows(awards)
        try:
            report = services.register_innovation(
                actor=request.user,
                unit=unit,
                period=period,
                name=name,
                previous=prev,
                impact_measures=_rows(measures),
                **data,
            )
        except services.ReportProblem as exc:
            form.add_error(exc.field, str(exc))
        else:
            messages.success(request, _("Inovasi %(name)s terdaftar.") % {"name": name})
            return redirect("innovations:report-edit", pk=report.pk)
    return _render_report_form(
        request, period, None, form=form, awards=awards, measures=measures, can_edit=True
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    from inovda.evidence.models import EvidenceFile

    report = (
        Report.objects.select_related(
            "innovation__unit__region", "period__rulebook_version__rulebook", "budget_document"
        )
        .filter(pk=pk, innovation__unit__in=units_for(request.user))
        .first()
    )
    if report is None or not can_view_unit_reports(request.user, report.innovation.unit):
        raise Http404("Laporan tidak ditemukan")
    can_edit = can_edit_unit_reports(request.user, report.innovation.unit)
    form_kwargs = {
        "rulebook": rulebook_of(report.period.rulebook_version),
        "evidence": EvidenceFile.objects.filter(unit=report.innovation.unit),
    }
    form = ReportForm(request.POST or None, instance=report, **form_kwargs)
    awards, measures = _report_lists(form, request.POST or None, report)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if request.POST.get("add_row"):
            form, awards, measures = _with_added_row(request, form, awards, measures, **form_kwargs)
        elif lock := _lock_reason(report.period, [report.innovation.unit], report):
            form.add_error(None, lock)
        elif _all_valid(form, awards, measures):
            profile = dict(form.cleaned_data)
            if _rows(awards) is not None:
                profile["awards"] = _rows(awards)
            try:
                seen = int(request.POST.get("seen_version", "0"))
            except ValueError:
                seen = 0  # a tampered form: treat as stale, the service reports a conflict
            try:
                services.update_report(
                    report,
                    actor=request.user,
                    seen_version=seen,
                    impact_measures=_rows(measures),
                    **profile,
                )
            except services.ReportProblem as exc:
                form.add_error(exc.field, str(exc))
            else:
                messages.success(request, _("Profil inovasi disimpan."))
                return redirect("innovations:report-edit", pk=report.pk)
    return _render_report_form(
        request,
        report.period,
        report,
        form=form,
        awards=awards,
        measures=measures,
        can_edit=can_edit,
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
