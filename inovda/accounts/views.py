"""People pages for region admins, invitation acceptance, and the user's own profile."""

from __future__ import annotations

from allauth.account.utils import perform_login
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inovda.accounts import queries, services
from inovda.accounts.access import assignments_of, is_national_admin
from inovda.accounts.forms import AcceptInvitationForm, InviteForm, RoleForm
from inovda.accounts.models import Role
from inovda.accounts.permissions import can_assign_role, can_manage_people
from inovda.regions.models import Region


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    has_totp = Authenticator.objects.filter(
        user=request.user, type=Authenticator.Type.TOTP
    ).exists()
    return render(
        request,
        "accounts/profile.html",
        {
            "assignments": assignments_of(request.user),
            "has_totp": has_totp,
            "nav_current": "profile",
        },
    )


def _region(request: HttpRequest) -> Region:
    region = queries.managed_region(
        request.user, request.GET.get("pemda") or request.POST.get("pemda")
    )
    if region is None or not can_manage_people(request.user, region):
        raise PermissionDenied
    return region


def _base_url(request: HttpRequest) -> str:
    return getattr(settings, "SITE_URL", "") or request.build_absolute_uri("/")


@login_required
def people_list(request: HttpRequest) -> HttpResponse:
    no_region = queries.managed_region(request.user, None) is None
    if not request.GET.get("pemda") and no_region and is_national_admin(request.user):
        messages.info(request, _("Pilih Pemda dulu, lalu buka Pengguna dari halaman Pemda itu."))
        return redirect("regions:region-list")
    region = _region(request)
    people = queries.people_in(
        region, q=request.GET.get("q", "").strip(), role=request.GET.get("role", "")
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/people_list.html",
        {
            "region": region,
            "page_obj": page,
            "invitations": queries.pending_invitations(region),
            "roles": Role.choices,
            "nav_current": "people",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    form = InviteForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not can_assign_role(request.user, region, data["role"]):
            raise PermissionDenied
        try:
            services.invite_person(
                actor=request.user, region=region, email=data["email"], full_name=data["full_name"],
                role=data["role"], unit=data["unit"], base_url=_base_url(request),
            )  # fmt: skip
        except services.PeopleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Undangan dikirim ke %(email)s.") % {"email": data["email"]}
            )
            return redirect(f"{reverse('accounts:people-list')}?pemda={region.code}")
    return render(
        request, "accounts/invite.html", {"form": form, "region": region, "nav_current": "people"}
    )


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    region = _region(request)
    invitation = queries.get_invitation_for(region, pk)
    try:
        services.revoke_invitation(invitation, actor=request.user)
        messages.success(
            request, _("Undangan untuk %(email)s dibatalkan.") % {"email": invitation.email}
        )
    except services.PeopleError as exc:
        messages.error(request, str(exc))
    return redirect(f"{reverse('accounts:people-list')}?pemda={region.code}")


@login_required
@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    region = _region(request)
    invitation = queries.get_invitation_for(region, pk)
    try:
        services.resend_invitation(invitation, actor=request.user, base_url=_base_url(request))
        messages.success(
            request, _("Undangan dikirim ulang ke %(email)s.") % {"email": invitation.email}
        )
    except services.PeopleError as exc:
        messages.error(request, str(exc))
    return redirect(f"{reverse('accounts:people-list')}?pemda={region.code}")


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.find_open_invitation(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    signed_in = request.user.is_authenticated
    form = None if signed_in else AcceptInvitationForm(request.POST or None)
    error = ""
    if request.method == "POST" and (signed_in or (form is not None and form.is_valid())):
        try:
            user = services.accept_invitation(
                invitation,
                password=None if signed_in else form.cleaned_data["password1"],
                user=request.user if signed_in else None,
            )
        except services.PeopleError as exc:
            error = str(exc)
        else:
            messages.success(
                request,
                _("Selamat bergabung! Peran %(role)s sudah aktif.")
                % {"role": invitation.get_role_display()},
            )
            if signed_in:
                return redirect("core:home")
            return perform_login(request, user, redirect_url=reverse("core:home"))
    return render(
        request,
        "accounts/invitation_accept.html",
        {"invitation": invitation, "form": form, "error": error},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    region = _region(request)
    person = queries.get_person_for(region, pk)
    form = RoleForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not can_assign_role(request.user, region, data["role"]):
            raise PermissionDenied
        try:
            services.assign_role(
                person, actor=request.user, region=region, role=data["role"], unit=data["unit"]
            )
        except services.PeopleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Peran ditambahkan."))
            return redirect(
                f"{reverse('accounts:person-detail', args=[person.pk])}?pemda={region.code}"
            )
    assignments = person.assignments.filter(region=region).select_related("unit")
    elsewhere = person.assignments.exclude(region=region).count()
    return render(
        request,
        "accounts/person_detail.html",
        {"person": person, "region": region, "assignments": assignments, "elsewhere": elsewhere,
         "form": form, "nav_current": "people"},
    )  # fmt: skip


@login_required
@require_POST
def role_remove(request: HttpRequest, pk: int) -> HttpResponse:
    region = _region(request)
    assignment = queries.get_assignment_for(region, pk)
    try:
        services.remove_role(assignment, actor=request.user)
        messages.success(request, _("Peran dicabut."))
    except services.PeopleError as exc:
        messages.error(request, str(exc))
    return redirect(
        f"{reverse('accounts:person-detail', args=[assignment.user_id])}?pemda={region.code}"
    )


@login_required
@require_POST
def person_set_active(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    region = _region(request)
    person = queries.get_person_for(region, pk)
    try:
        services.set_person_active(person, actor=request.user, region=region, active=active)
        messages.success(request, _("Akun diaktifkan.") if active else _("Akun dinonaktifkan."))
    except services.PeopleError as exc:
        messages.error(request, str(exc))
    return redirect(f"{reverse('accounts:person-detail', args=[person.pk])}?pemda={region.code}")
