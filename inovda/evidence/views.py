"""Evidence pages: per unit (list, upload, download always as an attachment, delete), and the
region's warnings queue and duplicate innovations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from inovda.accounts.access import home_region, is_national_admin
from inovda.evidence import services
from inovda.evidence.inspection import MAX_UPLOAD, EvidenceRejected
from inovda.evidence.models import ChunkedUpload, EvidenceFile
from inovda.evidence.permissions import (
    can_add_unit_evidence,
    can_view_evidence_warnings,
    can_view_unit_evidence,
)
from inovda.regions.models import Region
from inovda.regions.queries import get_region_for, get_unit_for

NAV = "evidence-warnings"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas bukti (PDF, JPG, PNG, Word, Excel, PowerPoint)"),
        help_text=gettext_lazy(
            "PDF maks. 20 MB, gambar maks. 10 MB. Dokumen Office hanya dapat dilampirkan pada "
            "indikator yang buku aturannya menyebut dokumen Office; selebihnya simpan sebagai PDF."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_evidence(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = get_unit_for(request.user, unit_pk)
    if not can_view_unit_evidence(request.user, unit):
        raise PermissionDenied
    can_add = can_add_unit_evidence(request.user, unit)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_UPLOAD:
                form.add_error("file", _("Berkas terlalu besar. Perkecil dulu, lalu unggah lagi."))
            else:
                try:
                    evidence = services.store_evidence(
                        actor=request.user, unit=unit, source=upload.file, name=upload.name
                    )
                except EvidenceRejected as exc:
                    form.add_error("file", str(exc))
                else:
                    messages.success(
                        request, _("%(name)s tersimpan.") % {"name": evidence.original_name}
                    )
                    return redirect("evidence:unit-evidence", unit_pk=unit.pk)
    files = list(EvidenceFile.objects.filter(unit=unit).select_related("uploaded_by"))
    warnings = services.warnings_for(files)
    rows = [(f, warnings.get(f.pk, [])) for f in files]
    return render(
        request,
        "evidence/unit_evidence.html",
        {"unit": unit, "rows": rows, "form": form, "can_add": can_add, "nav_current": "units"},
    )


@login_required
@require_http_methods(["POST"])
def chunked_start(request: HttpRequest, unit_pk: int) -> JsonResponse:
    unit = get_unit_for(request.user, unit_pk)
    if not can_add_unit_evidence(request.user, unit):
        raise PermissionDenied
    try:
        size = int(request.POST.get("size", "0"))
        upload = services.start_chunked_upload(
            actor=request.user, unit=unit, name=request.POST.get("name", ""), size=size
        )
    except ValueError as exc:  # EvidenceRejected is a ValueError; so is a bad size
        message = str(exc) if isinstance(exc, EvidenceRejected) else _("Ukuran berkas tidak sah.")
        return JsonResponse({"error": message}, status=400)
    return JsonResponse({"id": str(upload.pk), "received": 0, "chunk": services.CHUNK_MAX})


@login_required
@require_http_methods(["GET", "POST"])
def chunked(request: HttpRequest, upload_id: str) -> JsonResponse:
    try:
        upload = ChunkedUpload.objects.filter(pk=upload_id, user=request.user).first()
    except ValidationError:
        upload = None
    if upload is None:
        raise Http404("Unggahan tidak ditemukan")
    if request.method == "POST":
        try:
            offset = int(request.headers.get("X-Upload-Offset", "-1"))
            upload = services.add_chunk(upload, offset=offset, data=request.body)
        except services.ChunkRejected as exc:
            return JsonResponse({"received": int(str(exc))}, status=409)
        except EvidenceRejected as exc:
            return JsonResponse({"error": str(exc)}, status=400)
    done = upload.evidence_id is not None
    if done and request.method == "POST":
        messages.success(request, _("%(name)s tersimpan.") % {"name": upload.name})
    return JsonResponse({"received": upload.received, "size": upload.size, "done": done})


class FactsForm(forms.ModelForm):
    class Meta:
        model = EvidenceFile
        fields = ["doc_number", "doc_date", "doc_subject", "doc_signer"]
        widgets = {"doc_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


@login_required
@require_http_methods(["GET", "POST"])
def facts(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _evidence_for(request, pk)
    if not can_add_unit_evidence(request.user, evidence.unit):
        raise PermissionDenied
    form = FactsForm(request.POST or None, instance=evidence)
    if request.method == "POST" and form.is_valid():
        services.confirm_facts(evidence, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Data dokumen dikonfirmasi."))
        return redirect("evidence:unit-evidence", unit_pk=evidence.unit_id)
    return render(request, "evidence/facts.html", {"evidence": evidence, "form": form})


def _evidence_for(request: HttpRequest, pk: int) -> EvidenceFile:
    evidence = EvidenceFile.objects.select_related("unit__region").filter(pk=pk).first()
    if evidence is None or evidence.unit is None:
        raise Http404("Berkas tidak ditemukan")
    get_unit_for(request.user, evidence.unit_id)  # 404 when the unit is not the user's
    if not can_view_unit_evidence(request.user, evidence.unit):
        raise PermissionDenied
    return evidence


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = _evidence_for(request, pk)
    response = FileResponse(
        default_storage.open(evidence.storage_name, "rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.mime,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def download_small(request: HttpRequest, pk: int) -> HttpResponse:
    """A shrunk copy of a PDF, made on request (the stored original is never changed)."""
    import io
    import tempfile

    from inovda.evidence.prechecks import shrink_pdf

    evidence = _evidence_for(request, pk)
    if evidence.kind != "pdf":
        raise Http404("Hanya PDF yang dapat diperkecil")
    small = io.BytesIO()
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as spool:
        with default_storage.open(evidence.storage_name, "rb") as stored:
            for chunk in iter(lambda: stored.read(64 * 1024), b""):
                spool.write(chunk)
        size = shrink_pdf(spool, small)
    if size >= evidence.size:
        messages.info(
            request, _("%(name)s sudah seringkas mungkin.") % {"name": evidence.original_name}
        )
        return redirect("evidence:unit-evidence", unit_pk=evidence.unit_id)
    small.seek(0)
    stem = evidence.original_name.rsplit(".", 1)[0]
    response = FileResponse(
        small, as_attachment=True, filename=f"{stem}-ringkas.pdf", content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _evidence_for(request, pk)
    if not can_add_unit_evidence(request.user, evidence.unit):
        raise PermissionDenied
    if request.method == "POST":
        services.delete_evidence(evidence, actor=request.user)
        messages.success(request, _("%(name)s dihapus.") % {"name": evidence.original_name})
        return redirect("evidence:unit-evidence", unit_pk=evidence.unit_id)
    return render(request, "evidence/confirm_delete.html", {"evidence": evidence})


def _region_asked(request: HttpRequest) -> Region | None:
    """The region named by ?pemda= (404 when not the user's), else the user's own region."""
    code = request.GET.get("pemda", "").strip()
    if code:
        return get_region_for(request.user, code)
    return home_region(request.user)


@login_required
def warning_queue(request: HttpRequest) -> HttpResponse:
    """The region's answers that carry evidence warnings in one period, most serious first."""
    from inovda.evidence.warnings import SEVERITY_LABELS, SEVERITY_ORDER, answers_with_warnings
    from inovda.innovations.models import Period
    from inovda.methodology.adapters import rulebook_of

    region = _region_asked(request)
    if region is None:
        if not is_national_admin(request.user):
            raise PermissionDenied
        return render(request, "evidence/warning_queue.html", {"region": None, "nav_current": NAV})
    if not can_view_evidence_warnings(request.user, region):
        raise PermissionDenied
    periods = list(Period.objects.filter(region=region).select_related("rulebook_version"))
    period = next((p for p in periods if str(p.pk) == request.GET.get("periode")), None)
    period = period or (periods[0] if periods else None)
    severity = request.GET.get("tingkat", "")
    severity = severity if severity in SEVERITY_ORDER else ""
    rows: list[Any] = []
    counts = dict.fromkeys(SEVERITY_ORDER, 0)
    row_names: dict[str, str] = {}
    if period is not None:
        every = answers_with_warnings(period)
        for _answer, found in every:
            counts[found[0].severity] += 1
        limit = SEVERITY_ORDER.get(severity, len(SEVERITY_ORDER))
        rows = [(a, f) for a, f in every if SEVERITY_ORDER[f[0].severity] <= limit]
        row_names = {r.code: r.name for r in rulebook_of(period.rulebook_version).rows}
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "evidence/warning_queue.html",
        {
            "region": region,
            "periods": periods,
            "period": period,
            "page_obj": page,
            "row_names": row_names,
            "counts": [(key, SEVERITY_LABELS[key], n) for key, n in counts.items()],
            "severity": severity,
            "nav_current": NAV,
        },
    )


@login_required
def duplicates(request: HttpRequest) -> HttpResponse:
    """Innovations that look like one another, with a link to both: the region's, or (national
    admin, no ?pemda=) every region's."""
    from inovda.evidence.duplicates import duplicate_pairs
    from inovda.innovations.models import Report

    region = _region_asked(request)
    if region is None and not is_national_admin(request.user):
        raise PermissionDenied
    if region is not None and not can_view_evidence_warnings(request.user, region):
        raise PermissionDenied
    page = Paginator(duplicate_pairs(region), 25).get_page(request.GET.get("page"))
    ids = {pk for pair in page for pk in (pair.report_id, pair.other_id)}
    reports = Report.objects.filter(pk__in=ids).select_related("innovation__unit__region", "period")
    by_pk = {r.pk: r for r in reports.defer("design", "goals", "benefits", "results")}
    rows = [(pair, (by_pk[pair.report_id], by_pk[pair.other_id])) for pair in page]
    return render(
        request,
        "evidence/duplicates.html",
        {"region": region, "page_obj": page, "rows": rows, "nav_current": NAV},
    )
