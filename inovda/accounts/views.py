"""Account pages: the user's own profile. People and invitations are managed in people views."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from inovda.accounts.access import assignments_of


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    has_totp = Authenticator.objects.filter(
        user=request.user, type=Authenticator.Type.TOTP
    ).exists()
    return render(
        request,
        "accounts/profile.html",
        {"assignments": assignments_of(request.user), "has_totp": has_totp},
    )
