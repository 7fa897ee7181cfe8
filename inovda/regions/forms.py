"""Unit forms: errors in Indonesian, next to the field that caused them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from inovda.regions.models import Region, Unit


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Nama unit"), max_length=200)
    short_name = forms.CharField(label=_("Singkatan"), max_length=40, required=False)
    kind = forms.ChoiceField(label=_("Jenis unit"), choices=Unit.Kind.choices)
    parent = forms.ModelChoiceField(
        label=_("Unit induk"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Mis. Dinas Kesehatan untuk UPT Puskesmas, kecamatan untuk desa."),
    )

    def __init__(self, *args: Any, region: Region, unit: Unit | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        self.unit = unit
        parents = Unit.objects.filter(region=region, is_active=True).order_by("name")
        if unit is not None:
            parents = parents.exclude(pk__in=_self_and_descendants(unit))
        self.fields["parent"].queryset = parents

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        taken = Unit.objects.filter(region=self.region, name__iexact=name)
        if self.unit is not None:
            taken = taken.exclude(pk=self.unit.pk)
        if taken.exists():
            raise forms.ValidationError(_("Nama unit sudah dipakai di Pemda ini."))
        return name


def _self_and_descendants(unit: Unit) -> set[int]:
    found = {unit.pk}
    frontier = [unit.pk]
    while frontier:
        frontier = list(
            Unit.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=found)
            .values_list("pk", flat=True)
        )
        found.update(frontier)
    return found


class RegionFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama atau kode"), required=False)
    kind = forms.ChoiceField(
        label=_("Jenis"), required=False, choices=[("", _("Semua jenis")), *Region.Kind.choices]
    )
