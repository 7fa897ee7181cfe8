"""Forms for inviting people and giving roles; errors next to the field, in Indonesian."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from inovda.accounts.models import UNIT_ROLES, Role
from inovda.accounts.permissions import REGION_GRANTABLE
from inovda.regions.models import Region, Unit


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Peran"))
    unit = forms.ModelChoiceField(
        label=_("Unit kerja"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Wajib untuk operator, kepala unit dan pendamping."),
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        self.fields["role"].choices = [(r.value, r.label) for r in Role if r in REGION_GRANTABLE]
        self.fields["unit"].queryset = Unit.objects.filter(region=region, is_active=True).order_by(
            "name"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("role") in UNIT_ROLES and not data.get("unit"):
            self.add_error("unit", _("Pilih unit kerja untuk peran ini."))
        if data.get("role") not in UNIT_ROLES:
            data["unit"] = None
        return data


class InviteForm(RoleForm):
    email = forms.EmailField(label=_("E-mail"))
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    field_order = ["full_name", "email", "role", "unit"]


class AcceptInvitationForm(forms.Form):
    password1 = forms.CharField(
        label=_("Kata sandi"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        elif p1:
            try:
                validate_password(p1)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data
