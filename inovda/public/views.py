"""Public pages (no account): pick a Pemda, send a proposal, follow it with its tracking code.
Staff pages: the region's queue of proposals and their triage (accept into a unit, or decline).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from inovda.public import antispam, queries, services
from inovda.public.forms import AcceptForm, DeclineForm, ProposalForm
from inovda.public.models import Proposal
from inovda.public.permissions import can_triage_proposal, readable_region_ids
from inovda.regions.models import Region

REGIONS_PER_PAGE = 20
QUEUE_PAGE_SIZE = 25


def region_pick(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    page = Paginator(queries.public_regions(q), REGIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "public/region_pick.html", {"page_obj": page, "q": q})


@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest, code: str) -> HttpResponse:
    region = queries.public_region(code)
    form = ProposalForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.submit_proposal(
                region=region, ip_hash=antispam.ip_hash(request), **form.proposal_fields()
            )
        except services.ProposalProblem as problem:
            form.add_error(problem.field, str(problem))
        else:
            return redirect("public:thanks", code=proposal.tracking_code)
    return render(request, "public/proposal_form.html", {"form": form, "region": region})


def thanks(request: HttpRequest, code: str) -> HttpResponse:
    proposal = queries.get_proposal_by_code(code)
    return render(request, "public/thanks.html", {"proposal": proposal})


def track_find(request: HttpRequest) -> HttpResponse:
    """Type a tracking code, go to its page; an unknown code is said plainly, on this page."""
    typed = request.GET.get("kode", "").strip()[:40]
    error = ""
    if typed:
        code = queries.normalise_code(typed)
        if Proposal.objects.filter(tracking_code=code).exists():
            return redirect("public:track", code=code)
        error = _(
            "Kode lacak %(code)s tidak ditemukan. Periksa lagi kode dari halaman terima kasih "
            "(8 huruf/angka, mis. K7QM-4XPD)."
        ) % {"code": typed}
    return render(request, "public/track_find.html", {"typed": typed, "error": error})


def track(request: HttpRequest, code: str) -> HttpResponse:
    proposal = queries.get_proposal_by_code(code)
    return render(request, "public/track.html", {"proposal": proposal})


# --- Staff: the queue and the triage --------------------------------------------------------

STATUS_TABS = [
    ("new", Proposal.Status.NEW.label),
    ("accepted", Proposal.Status.ACCEPTED.label),
    ("declined", Proposal.Status.DECLINED.label),
    ("all", gettext_lazy("Semua")),
]


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    region_ids = readable_region_ids(request.user)
    if not region_ids:
        raise PermissionDenied
    status = request.GET.get("status", "new")
    if status not in dict(STATUS_TABS):
        status = "new"
    proposals = queries.queue_for(request.user, status)
    page = Paginator(proposals, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    counts = queries.status_counts_for(request.user)
    form_links = [
        (region, request.build_absolute_uri(reverse("public:proposal-create", args=[region.code])))
        for region in Region.objects.filter(pk__in=region_ids).order_by("code")
    ]
    return render(
        request,
        "public/queue.html",
        {
            "page_obj": page,
            "status": status,
            "tabs": [(key, label, counts[key]) for key, label in STATUS_TABS],
            "many_regions": len(region_ids) > 1,
            "form_links": form_links,
            "nav_current": "proposals",
        },
    )


def _detail(
    request: HttpRequest,
    proposal: Proposal,
    *,
    accept_form: Form | None = None,
    decline_form: Form | None = None,
    status: int = 200,
) -> HttpResponse:
    can_triage = can_triage_proposal(request.user, proposal)
    open_for_triage = can_triage and proposal.status == Proposal.Status.NEW
    if open_for_triage and accept_form is None:
        accept_form = AcceptForm(
            region=proposal.region,
            initial={"unit": proposal.suggested_unit, "name": proposal.title},
        )
    if open_for_triage and decline_form is None:
        decline_form = DeclineForm()
    context: dict[str, Any] = {
        "proposal": proposal,
        "can_triage": open_for_triage,
        "accept_form": accept_form,
        "decline_form": decline_form,
        "nav_current": "proposals",
    }
    return render(request, "public/detail.html", context, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, queries.get_proposal_for(request.user, pk))


def _triaged_message(request: HttpRequest, text: str, emailed: bool | None) -> None:
    messages.success(request, text)
    if emailed is True:
        messages.info(request, _("Pengusul sudah diberi tahu lewat e-mail."))
    elif emailed is False:
        messages.warning(
            request,
            _(
                "E-mail ke pengusul gagal terkirim. Tanggapan tetap tampil di halaman lacaknya; "
                "hubungi pengusul lewat telepon bila perlu."
            ),
        )


def _refused(
    request: HttpRequest, form: Any, proposal: Any, problem: services.ProposalProblem
) -> HttpResponse | None:
    """Show a refused triage: next to its field, or (when it is not about what was typed, e.g.
    someone answered the proposal meanwhile) on the refreshed page, which shows that answer."""
    if problem.field not in form.fields:
        messages.error(request, str(problem))
        return redirect("public:detail", pk=proposal.pk)
    form.add_error(problem.field, str(problem))
    return None


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = queries.get_proposal_for(request.user, pk)
    if not can_triage_proposal(request.user, proposal):
        raise PermissionDenied
    form = AcceptForm(request.POST, region=proposal.region)
    if form.is_valid():
        try:
            result = services.accept_proposal(
                proposal,
                actor=request.user,
                unit=form.cleaned_data["unit"],
                name=form.cleaned_data["name"],
                reply=form.cleaned_data["reply"],
            )
        except services.ProposalProblem as problem:
            if (refused := _refused(request, form, proposal, problem)) is not None:
                return refused
        else:
            innovation = result.proposal.innovation
            assert innovation is not None  # accepting always links the new innovation
            _triaged_message(
                request,
                _("Usulan diterima: inovasi %(name)s masuk ke register %(unit)s.")
                % {"name": innovation.name, "unit": innovation.unit.name},
                result.emailed,
            )
            return redirect("public:detail", pk=proposal.pk)
    return _detail(request, proposal, accept_form=form)


@login_required
@require_POST
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = queries.get_proposal_for(request.user, pk)
    if not can_triage_proposal(request.user, proposal):
        raise PermissionDenied
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            result = services.decline_proposal(
                proposal, actor=request.user, reply=form.cleaned_data["reply"]
            )
        except services.ProposalProblem as problem:
            if (refused := _refused(request, form, proposal, problem)) is not None:
                return refused
        else:
            _triaged_message(request, _("Usulan ditolak dan balasan disimpan."), result.emailed)
            return redirect("public:detail", pk=proposal.pk)
    return _detail(request, proposal, decline_form=form)
