"""Methodology pages: rulebooks read-only for all, clone and edit for region admins, scoring."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inovda.accounts.access import home_region
from inovda.methodology import queries, services
from inovda.methodology.adapters import answers_of, rulebook_of
from inovda.methodology.forms import CloneForm, ConstantsForm, RescoreForm, RowForm, ScoreUploadForm
from inovda.methodology.labels import CONSTANT_NAMES_ID, EVIDENCE_LABELS
from inovda.methodology.models import RescoreJob, ScoreRecord
from inovda.methodology.permissions import (
    can_clone_rulebook,
    can_edit_rulebook,
    can_rank,
    can_score,
    can_view_scores,
)
from inovda.scoring import (
    AnswerFileError,
    RulebookError,
    ScoringInputError,
    answers_from_json,
    rulebook_to_yaml,
)
from inovda.scoring.analysis import (
    fixes_by_unit,
    fixes_first,
    predict_verified,
    rank_regions,
    rank_sensitivity,
)
from inovda.scoring.excel import answers_template, read_answers_xlsx
from inovda.scoring.rulebook import DEFAULT_RULEBOOK
from inovda.scoring.types import CONSTANT_NAMES


@login_required
def rulebook_list(request: HttpRequest) -> HttpResponse:
    rulebooks = queries.rulebooks_for(request.user).annotate(latest=Max("versions__number"))
    return render(
        request,
        "methodology/rulebook_list.html",
        {"rulebooks": rulebooks, "nav_current": "methodology"},
    )


def _totals(rulebook: Any) -> dict[str, Decimal | None]:
    c = rulebook.constants
    spd = sum((r.max_points for r in rulebook.spd_rows), Decimal(0))
    sid = sum((r.max_points for r in rulebook.sid_rows), Decimal(0))
    count = (
        c.count_score_cap * c.count_score_per_innovation
        if c.count_score_cap is not None and c.count_score_per_innovation is not None
        else None
    )
    return {
        "spd": spd,
        "sid": sid,
        "count": count,
        "sum": spd + sid + count if count is not None else None,
    }


@login_required
def rulebook_detail(request: HttpRequest, name: str) -> HttpResponse:
    record = queries.get_rulebook_for(request.user, name)
    version = queries.latest_version(record)
    rulebook = rulebook_of(version)
    constants = [
        {
            "name": key,
            "label": CONSTANT_NAMES_ID[key],
            "value": getattr(rulebook.constants, key),
            "source": rulebook.constants.sources.get(key),
        }
        for key in CONSTANT_NAMES
    ]
    variables: dict[tuple[str, str], list[Any]] = {}
    for row in rulebook.rows:
        variables.setdefault((row.aspect, row.variable), []).append(row)
    return render(
        request,
        "methodology/rulebook_detail.html",
        {
            "record": record,
            "version": version,
            "versions": record.versions.order_by("-number")[:10],
            "rulebook": rulebook,
            "constants": constants,
            "variables": [(aspect, var, rows) for (aspect, var), rows in variables.items()],
            "totals": _totals(rulebook),
            "can_clone": can_clone_rulebook(request.user, home_region(request.user)),
            "can_edit": can_edit_rulebook(request.user, record),
            "nav_current": "methodology",
        },
    )


@login_required
def indicator_detail(request: HttpRequest, name: str, code: str) -> HttpResponse:
    record = queries.get_rulebook_for(request.user, name)
    rulebook = rulebook_of(queries.latest_version(record))
    try:
        row = rulebook.row(code)
    except KeyError:
        raise Http404("Indikator tidak ditemukan") from None
    return render(
        request,
        "methodology/indicator_detail.html",
        {
            "record": record,
            "rulebook": rulebook,
            "row": row,
            "evidence_labels": EVIDENCE_LABELS,
            "can_edit": can_edit_rulebook(request.user, record),
            "nav_current": "methodology",
        },
    )


@login_required
def rulebook_template(request: HttpRequest, name: str) -> HttpResponse:
    record = queries.get_rulebook_for(request.user, name)
    content = answers_template(rulebook_of(queries.latest_version(record)))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="jawaban-{record.name.lower()}.xlsx"'
    return response


@login_required
def rulebook_yaml(request: HttpRequest, name: str) -> HttpResponse:
    record = queries.get_rulebook_for(request.user, name)
    response = HttpResponse(
        rulebook_to_yaml(rulebook_of(queries.latest_version(record))),
        content_type="application/yaml; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{record.name.lower()}.yaml"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def rulebook_clone(request: HttpRequest, name: str) -> HttpResponse:
    source = queries.get_rulebook_for(request.user, name)
    region = home_region(request.user)
    if not can_clone_rulebook(request.user, region):
        raise PermissionDenied
    initial = {
        "year": source.year + 1,
        "name": f"IID-{source.year + 1}-{region.name.split()[-1].upper()}",
        "title": f"Indeks Inovasi Daerah {source.year + 1} ({region})",
    }
    form = CloneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        clone = services.clone_rulebook(
            source, actor=request.user, region=region, **form.cleaned_data
        )
        messages.success(
            request,
            _("Buku aturan %(name)s dibuat. Ubah nilainya sesuai surat terbaru.")
            % {"name": clone.name},
        )
        return redirect("methodology:rulebook-detail", name=clone.name)
    return render(
        request,
        "methodology/rulebook_clone.html",
        {"form": form, "source": source, "region": region, "nav_current": "methodology"},
    )


def _editable(request: HttpRequest, name: str) -> Any:
    record = queries.get_rulebook_for(request.user, name)
    if not can_edit_rulebook(request.user, record):
        raise PermissionDenied
    return record


@login_required
@require_http_methods(["GET", "POST"])
def rulebook_edit(request: HttpRequest, name: str) -> HttpResponse:
    record = _editable(request, name)
    version = queries.latest_version(record)
    data = copy.deepcopy(version.data)
    bands = data["bands"]["items"]
    initial = {key: data["constants"][key]["value"] for key in CONSTANT_NAMES}
    initial.update(
        window_start=data["eligibility"]["window_start"]["value"],
        window_end=data["eligibility"]["window_end"]["value"],
        design_min_words=data["eligibility"]["design_min_words"]["value"],
        sangat_lower=bands[0]["lower"],
        inovatif_lower=bands[1]["lower"],
    )
    form = ConstantsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        for key in CONSTANT_NAMES:
            value = cd.get(key)
            entry = data["constants"][key]
            new = None if value is None else (str(value) if isinstance(value, Decimal) else value)
            if new != entry["value"]:
                entry.update(
                    value=new, source=f"diisi oleh {request.user.email}: {cd['note']}", unsure=True
                )
        for key in ("window_start", "window_end", "design_min_words"):
            value = cd.get(key)
            new = value.isoformat() if hasattr(value, "isoformat") else value
            entry = data["eligibility"][key]
            if new != entry["value"]:
                entry.update(
                    value=new, source=f"diisi oleh {request.user.email}: {cd['note']}", unsure=True
                )
        s, i = cd["sangat_lower"], cd["inovatif_lower"]
        bands[0]["lower"], bands[1]["upper"] = f"{s:.2f}", f"{s - Decimal('0.01'):.2f}"
        bands[1]["lower"], bands[2]["upper"] = f"{i:.2f}", f"{i - Decimal('0.01'):.2f}"
        try:
            services.save_rulebook_version(record, actor=request.user, data=data, note=cd["note"])
        except RulebookError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Perubahan disimpan sebagai versi baru."))
            return redirect("methodology:rulebook-detail", name=record.name)
    return render(
        request,
        "methodology/rulebook_edit.html",
        {"form": form, "record": record, "nav_current": "methodology"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def row_edit(request: HttpRequest, name: str, code: str) -> HttpResponse:
    record = _editable(request, name)
    data = copy.deepcopy(queries.latest_version(record).data)
    row = next((r for r in data["rows"] if r["code"] == code), None)
    if row is None:
        raise Http404("Indikator tidak ditemukan")
    params = row["parameters"]
    initial = {
        "name": row["name"],
        "weight": row["weight"],
        "mandatory": row["mandatory"],
        "p1": params[0]["text"],
        "p2": params[1]["text"],
        "p3": params[2]["text"],
    }
    form = RowForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        row.update(name=cd["name"], weight=str(cd["weight"]), mandatory=cd["mandatory"])
        for i, key in enumerate(("p1", "p2", "p3")):
            params[i]["text"] = cd[key]
        row["source"] = {"ref": f"diubah oleh {request.user.email}: {cd['note']}", "unsure": True}
        try:
            services.save_rulebook_version(record, actor=request.user, data=data, note=cd["note"])
        except RulebookError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Indikator %(code)s disimpan sebagai versi baru.") % {"code": code}
            )
            return redirect("methodology:indicator-detail", name=record.name, code=code)
    return render(
        request,
        "methodology/row_edit.html",
        {"form": form, "record": record, "code": code, "nav_current": "methodology"},
    )


def _score_region(request: HttpRequest) -> Any:
    code = request.GET.get("pemda") or request.POST.get("pemda")
    regions = queries.score_regions_for(request.user)
    region = regions.filter(code=code).first() if code else home_region(request.user)
    if region is None:
        raise PermissionDenied
    return region


@login_required
def score_list(request: HttpRequest) -> HttpResponse:
    region = _score_region(request)
    if not can_view_scores(request.user, region):
        raise PermissionDenied
    records = queries.scores_for(request.user).filter(region=region)
    page = Paginator(records, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "methodology/score_list.html",
        {
            "region": region,
            "page_obj": page,
            "can_score": can_score(request.user, region),
            "nav_current": "scores",
        },
    )


def _read_upload(upload: Any) -> Any:
    if upload.name.lower().endswith(".xlsx"):
        return read_answers_xlsx(upload, source_name=upload.name)
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnswerFileError(
            upload.name, "", "berkas bukan teks UTF-8", "Simpan ulang sebagai JSON UTF-8."
        ) from None
    return answers_from_json(text, source_name=upload.name)


@login_required
@require_http_methods(["GET", "POST"])
def score_upload(request: HttpRequest) -> HttpResponse:
    region = _score_region(request)
    if not can_score(request.user, region):
        raise PermissionDenied
    rulebooks = queries.rulebooks_for(request.user)
    form = ScoreUploadForm(
        request.POST or None,
        request.FILES or None,
        rulebooks=rulebooks,
        initial={"rulebook": rulebooks.filter(name=DEFAULT_RULEBOOK).first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            answers = _read_upload(form.cleaned_data["file"])
            record = services.score_answers(
                actor=request.user,
                region=region,
                version=queries.latest_version(form.cleaned_data["rulebook"]),
                answers=answers,
                label=form.cleaned_data["label"],
                constants=form.constants(),
            )
        except ScoringInputError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Skor dihitung dan disimpan."))
            return redirect("methodology:score-detail", pk=record.pk)
    return render(
        request,
        "methodology/score_upload.html",
        {"form": form, "region": region, "nav_current": "scores"},
    )


@login_required
def score_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = queries.get_score_for(request.user, pk)
    if not can_view_scores(request.user, record.region):
        raise PermissionDenied
    rulebook = rulebook_of(record.rulebook_version, record.constants)
    answers = answers_of(record)
    all_fixes = fixes_first(rulebook, answers)
    by_unit = sorted(
        (
            (unit, len(items), sum((f.gain_iid for f in items), Decimal(0)))
            for unit, items in fixes_by_unit(all_fixes).items()
        ),
        key=lambda row: -row[2],
    )
    prediction = predict_verified(rulebook, answers)
    visible = queries.rulebooks_for(request.user).exclude(pk=record.rulebook_version.rulebook_id)
    return render(
        request,
        "methodology/score_detail.html",
        {
            "record": record,
            "b": record.breakdown,
            "rulebook": rulebook,
            "fixes": all_fixes[:20],
            "fixes_by_unit": by_unit,
            "prediction": prediction,
            "base": record.based_on,
            "rescore_form": RescoreForm(rulebooks=visible),
            "can_score": can_score(request.user, record.region),
            "nav_current": "scores",
        },
    )


@login_required
@require_POST
def score_rescore(request: HttpRequest, pk: int) -> HttpResponse:
    record = queries.get_score_for(request.user, pk)
    if not can_score(request.user, record.region):
        raise PermissionDenied
    form = RescoreForm(request.POST, rulebooks=queries.rulebooks_for(request.user))
    if not form.is_valid():
        messages.error(request, _("Pilih buku aturan untuk menghitung ulang."))
        return redirect("methodology:score-detail", pk=record.pk)
    try:
        new = services.rescore_record(
            record,
            actor=request.user,
            version=queries.latest_version(form.cleaned_data["rulebook"]),
            constants=form.constants(),
        )
    except ScoringInputError as exc:
        messages.error(request, str(exc))
        return redirect("methodology:score-detail", pk=record.pk)
    return redirect("methodology:score-detail", pk=new.pk)


@login_required
def ranking(request: HttpRequest) -> HttpResponse:
    if not can_rank(request.user):
        raise PermissionDenied
    name = request.GET.get("buku") or DEFAULT_RULEBOOK
    record = queries.get_rulebook_for(request.user, name)
    latest_ids = (
        ScoreRecord.objects.filter(
            region__in=queries.score_regions_for(request.user), rulebook_version__rulebook=record
        )
        .values("region")
        .annotate(last=Max("id"))
        .values_list("last", flat=True)
    )
    records = list(
        ScoreRecord.objects.filter(pk__in=list(latest_ids)).select_related(
            "region", "rulebook_version"
        )
    )
    by_name = {str(r.region): r for r in records}
    ranked = rank_regions({key: r.iid for key, r in by_name.items()})
    sensitivity = None
    band = request.GET.get("rentang")
    if band in {"10", "25", "50"} and 2 <= len(records) <= 50:
        version = queries.latest_version(record)
        answer_sets = {key: answers_of(r) for key, r in by_name.items()}
        sensitivity = rank_sensitivity(
            rulebook_of(version, records[0].constants),
            answer_sets,
            band=Decimal(band) / 100,
            samples=200,
            seed=2026,
        )
    return render(
        request,
        "methodology/ranking.html",
        {
            "record": record,
            "ranked": [(n, iid, rank, by_name[n]) for n, iid, rank in ranked],
            "rescore_form": RescoreForm(
                rulebooks=queries.rulebooks_for(request.user).exclude(pk=record.pk)
            ),
            "sensitivity": sensitivity,
            "band": band,
            "rulebooks": queries.rulebooks_for(request.user),
            "nav_current": "ranking",
        },
    )


@login_required
@require_POST
def rescore_job_start(request: HttpRequest) -> HttpResponse:
    if not can_rank(request.user):
        raise PermissionDenied
    source = queries.get_rulebook_for(request.user, request.POST.get("buku", ""))
    form = RescoreForm(request.POST, rulebooks=queries.rulebooks_for(request.user))
    if not form.is_valid():
        messages.error(request, _("Pilih buku aturan untuk menghitung ulang."))
        return redirect(f"{reverse('methodology:ranking')}?buku={source.name}")
    job = services.start_rescore_job(
        actor=request.user, source=source, target=form.cleaned_data["rulebook"],
        regions=queries.score_regions_for(request.user),
    )  # fmt: skip
    return redirect("methodology:rescore-job", pk=job.pk)


@login_required
def rescore_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = (
        RescoreJob.objects.select_related("rulebook_version__rulebook", "source_rulebook")
        .filter(pk=pk, created_by=request.user)
        .first()
    )
    if job is None:
        raise Http404("Pekerjaan tidak ditemukan")
    return render(request, "methodology/rescore_job.html", {"job": job, "nav_current": "ranking"})


def score_list_url(region: Any) -> str:
    return f"{reverse('methodology:score-list')}?pemda={region.code}"
