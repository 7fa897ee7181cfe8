"""Two-factor sign-in is required for admins: until they set it up, they can only set it up."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from inovda.accounts.access import roles_of

ALLOWED_PREFIXES = ("/akun/", "/static/", "/i18n/", "/favicon")


def needs_mfa(user: object) -> bool:
    from allauth.mfa.models import Authenticator

    if not getattr(user, "is_authenticated", False):
        return False
    required = set(settings.INOVDA_MFA_REQUIRED_ROLES)
    if not (roles_of(user) & required) and not getattr(user, "is_superuser", False):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireAdminMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(ALLOWED_PREFIXES) and needs_mfa(request.user):
            messages.warning(
                request,
                _(
                    "Peran Anda mewajibkan verifikasi dua langkah. Pindai kode QR dengan aplikasi "
                    "autentikator (mis. Google Authenticator), lalu masukkan kodenya."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
