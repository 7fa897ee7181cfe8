"""Forms for cloning and editing rulebooks and uploading answer files."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from inovda.methodology.models import Rulebook

MAX_UPLOAD = 5 * 1024 * 1024
CONSTANT_LABELS = {
    "divisor_floor": _("Pembagi minimum SID (mis. 12)"),
    "count_score_per_innovation": _("Skor per inovasi pada skor jumlah inovasi (mis. 0.38)"),
    "count_score_cap": _("Batas jumlah inovasi yang dihitung (mis. 200)"),
    "basic_service_min": _("Minimal urusan pelayanan dasar tercakup (mis. 5)"),
    "max_total": _("Skor total maksimum (mis. 250)"),
}
INTEGER_CONSTANTS = {"divisor_floor", "count_score_cap", "basic_service_min"}


def constant_field(name: str) -> forms.Field:
    if name in INTEGER_CONSTANTS:
        return forms.IntegerField(label=CONSTANT_LABELS[name], required=False, min_value=0)
    return forms.DecimalField(label=CONSTANT_LABELS[name], required=False, min_value=Decimal(0))


class CloneForm(forms.Form):
    name = forms.RegexField(
        label=_("Nama buku aturan baru"),
        regex=r"^[A-Za-z0-9][A-Za-z0-9._-]{1,59}$",
        error_messages={
            "invalid": _("Pakai huruf, angka, titik atau tanda hubung, mis. IID-2027-BALANGAN.")
        },
    )
    year = forms.IntegerField(label=_("Tahun"), min_value=2015, max_value=2100)
    title = forms.CharField(label=_("Judul"), max_length=200)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        if Rulebook.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(_("Nama ini sudah dipakai buku aturan lain."))
        return name


class ConstantsForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan perubahan"),
        max_length=300,
        help_text=_("Mis. sesuai surat BSKDN nomor ..."),
    )
    window_start = forms.DateField(label=_("Awal jendela kelayakan"), required=False)
    window_end = forms.DateField(label=_("Akhir jendela kelayakan"), required=False)
    design_min_words = forms.IntegerField(
        label=_("Minimal kata rancang bangun"), required=False, min_value=0
    )
    sangat_lower = forms.DecimalField(
        label=_("Sangat Inovatif mulai dari"), max_digits=5, decimal_places=2
    )
    inovatif_lower = forms.DecimalField(
        label=_("Inovatif mulai dari"), max_digits=5, decimal_places=2
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in CONSTANT_LABELS:
            self.fields[name] = constant_field(name)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        s, i = data.get("sangat_lower"), data.get("inovatif_lower")
        if s is not None and i is not None and not Decimal("0.02") < i < s <= Decimal(100):
            self.add_error(
                "inovatif_lower",
                _("Batas Inovatif harus di atas 0,02 dan di bawah batas Sangat Inovatif."),
            )
        return data


class RowForm(forms.Form):
    note = forms.CharField(label=_("Catatan perubahan"), max_length=300)
    name = forms.CharField(label=_("Nama indikator"), max_length=200)
    weight = forms.DecimalField(
        label=_("Bobot"), min_value=Decimal("0.01"), max_digits=6, decimal_places=2
    )
    mandatory = forms.BooleanField(label=_("Wajib"), required=False)
    p1 = forms.CharField(label=_("Parameter 1"), widget=forms.Textarea(attrs={"rows": 2}))
    p2 = forms.CharField(label=_("Parameter 2"), widget=forms.Textarea(attrs={"rows": 2}))
    p3 = forms.CharField(label=_("Parameter 3"), widget=forms.Textarea(attrs={"rows": 2}))


class ScoreUploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas jawaban (.json atau .xlsx)"))
    rulebook = forms.ModelChoiceField(label=_("Buku aturan"), queryset=Rulebook.objects.none())
    label = forms.CharField(label=_("Label"), max_length=200, initial=_("Jawaban klaim"))

    def __init__(self, *args: Any, rulebooks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rulebook"].queryset = rulebooks
        for name in CONSTANT_LABELS:
            self.fields[name] = constant_field(name)
            self.fields[name].help_text = _("Isi hanya bila buku aturan belum mengetahuinya.")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("Berkas lebih dari 5 MB. Kirim berkas jawaban saja (JSON atau Excel).")
            )
        name = upload.name.lower()
        if not name.endswith((".json", ".xlsx")):
            raise forms.ValidationError(_("Hanya berkas .json atau .xlsx yang dapat dihitung."))
        head = upload.read(4)
        upload.seek(0)
        if name.endswith(".xlsx") and head != b"PK\x03\x04":
            raise forms.ValidationError(_("Isi berkas bukan Excel .xlsx; simpan ulang dari Excel."))
        return upload

    def constants(self) -> dict[str, Any]:
        return {
            k: str(self.cleaned_data[k])
            for k in CONSTANT_LABELS
            if self.cleaned_data.get(k) is not None
        }


class RescoreForm(forms.Form):
    rulebook = forms.ModelChoiceField(
        label=_("Hitung ulang dengan"), queryset=Rulebook.objects.none()
    )

    def __init__(self, *args: Any, rulebooks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rulebook"].queryset = rulebooks
        for name in CONSTANT_LABELS:
            self.fields[name] = constant_field(name)

    def constants(self) -> dict[str, Any]:
        return {
            k: str(self.cleaned_data[k])
            for k in CONSTANT_LABELS
            if self.cleaned_data.get(k) is not None
        }
