"""The public proposal form (with its anti-spam checks) and the admin's triage forms."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from inovda.public import antispam
from inovda.public.queries import triage_units
from inovda.public.services import MIN_REPLY_CHARS
from inovda.regions.models import Region, Unit

PHONE = re.compile(r"^\+?[0-9][0-9 ()\-.]{6,18}[0-9]$")
TEXT_MAX = 4000


def _long_text(label: str, help_text: str) -> forms.CharField:
    """A required free-text answer of the proposal (10 to TEXT_MAX characters)."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        min_length=10,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX}),
    )


class ProposalForm(forms.Form):
    """What a citizen sends; the anti-spam checks give non-field errors (nothing is saved)."""

    proposer_name = forms.CharField(label=_("Nama Anda"), max_length=120)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Tidak wajib. Untuk mengabari Anda saat usulan ditanggapi."),
        error_messages={"invalid": _("Tulis alamat e-mail yang lengkap, mis. nama@contoh.com.")},
    )
    phone = forms.CharField(
        label=_("Nomor HP/WhatsApp"),
        max_length=20,
        required=False,
        help_text=_("Tidak wajib. Hanya dilihat petugas Pemda."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    location = forms.CharField(
        label=_("Desa/kelurahan dan kecamatan"),
        max_length=150,
        required=False,
        help_text=_("Tidak wajib. Mis. Desa Batu Piring, Kecamatan Paringin Selatan."),
    )
    title = forms.CharField(
        label=_("Judul usulan"),
        max_length=200,
        min_length=5,
        help_text=_("Satu kalimat singkat, mis. “Antar jemput akta kelahiran untuk lansia”."),
    )
    problem = _long_text(
        _("Masalah yang ingin diatasi"),
        _("Apa yang sulit atau belum berjalan baik, dan siapa yang merasakannya."),
    )
    idea = _long_text(_("Gagasan inovasi"), _("Apa yang Anda usulkan dan bagaimana cara kerjanya."))
    benefit = _long_text(
        _("Manfaat yang diharapkan"), _("Apa yang menjadi lebih baik, dan bagi siapa.")
    )
    suggested_unit = forms.ModelChoiceField(
        label=_("Unit kerja yang menurut Anda cocok"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— Tidak tahu / serahkan kepada Pemda —"),
        help_text=_("Tidak wajib. Pemda akan memilihkan unit yang tepat."),
        error_messages={"invalid_choice": _("Pilih unit kerja dari daftar.")},
    )
    answer = forms.CharField(
        label=_("Pertanyaan pengaman"),
        max_length=20,
        help_text=_("Tulis jawabannya dengan angka, mis. 7."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    # The honeypot: hidden from people (CSS and aria-hidden), filled in by form-filling bots.
    website = forms.CharField(
        label=_("Jangan diisi"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    FIELD_GROUPS = (
        ("title", "problem", "idea", "benefit", "suggested_unit"),
        ("proposer_name", "location", "email", "phone"),
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        self.fields["suggested_unit"].queryset = triage_units(region)
        submitted = self.data.get("token", "") if self.is_bound else ""
        token = antispam.read_token(submitted) if submitted else None
        if token is None or token.region_code != region.code:
            # Unbound, forged, or over a day old: a fresh token (and question) for the re-render.
            self.token_value = antispam.issue_token(region.code)
            self.token = antispam.read_token(self.token_value)
            self.token_was_valid = False
            if self.is_bound:
                # The old answer belongs to the old question.
                self.data = self.data.copy()
                self.data["answer"] = ""
        else:
            self.token_value, self.token, self.token_was_valid = submitted, token, True
        assert self.token is not None  # a token we just signed always reads back
        self.question = antispam.question(self.token)
        self.fields["answer"].label = _("Pertanyaan pengaman: %(q)s") % {"q": self.question}

    @property
    def has_field_errors(self) -> bool:
        return any(name != NON_FIELD_ERRORS for name in self.errors)

    def groups(self) -> list[list[forms.BoundField]]:
        return [[self[name] for name in group] for group in self.FIELD_GROUPS]

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(
                _("Nomor telepon hanya berisi angka (boleh diawali +), mis. 0812 3456 7890.")
            )
        return phone

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_answer(self) -> str:
        answer = self.cleaned_data["answer"]
        if self.token_was_valid and not antispam.answer_is_right(self.token, answer):
            raise forms.ValidationError(
                _(
                    "Jawaban pertanyaan pengaman belum benar. Tulis hasil penjumlahannya dengan "
                    "angka, mis. 7."
                )
            )
        return answer

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(
                _(
                    "Usulan tidak terkirim: kolom tersembunyi “Jangan diisi” berisi teks (biasanya "
                    "diisi otomatis oleh peramban atau program). Kosongkan kolom itu, lalu kirim "
                    "lagi."
                ),
                code="honeypot",
            )
        if not self.token_was_valid:
            raise forms.ValidationError(
                _(
                    "Formulir ini sudah terlalu lama dibuka (lebih dari sehari) atau tidak "
                    "lengkap. Isian Anda masih ada: jawab pertanyaan pengaman yang baru, "
                    "lalu kirim lagi."
                ),
                code="expired",
            )
        if self.token.age < antispam.min_seconds():
            raise forms.ValidationError(
                _(
                    "Usulan terkirim terlalu cepat sehingga tampak seperti kiriman otomatis. "
                    "Periksa kembali isian Anda, lalu kirim lagi."
                ),
                code="too_fast",
            )
        return data

    def proposal_fields(self) -> dict[str, Any]:
        """The cleaned data the service takes (no anti-spam fields)."""
        return {
            name: self.cleaned_data[name]
            for group in self.FIELD_GROUPS
            for name in group
            if name in self.cleaned_data
        }


class AcceptForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit kerja penerima"),
        queryset=Unit.objects.none(),
        empty_label=_("— Pilih unit —"),
        help_text=_("Inovasi masuk ke register unit ini; operatornya melengkapi profilnya."),
    )
    name = forms.CharField(
        label=_("Nama inovasi"),
        max_length=200,
        help_text=_("Boleh diperbaiki dari judul usulan."),
    )
    reply = forms.CharField(
        label=_("Pesan untuk pengusul"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tidak wajib. Tampil di halaman lacak dan dikirim lewat e-mail."),
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = triage_units(region)
        self.fields["unit"].error_messages["invalid_choice"] = _(
            "Pilih unit kerja milik %(region)s dari daftar."
        ) % {"region": region}


class DeclineForm(forms.Form):
    reply = forms.CharField(
        label=_("Balasan untuk pengusul"),
        min_length=MIN_REPLY_CHARS,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Wajib. Jelaskan alasan penolakan atau saran tindak lanjut; pengusul "
            "membacanya di halaman lacak dan lewat e-mail."
        ),
        error_messages={
            "required": _("Tuliskan balasan untuk pengusul: alasan usulan ditolak."),
            "min_length": _(
                "Balasan terlalu singkat (minimal %(limit_value)d karakter): "
                "jelaskan alasan penolakannya."
            ),
        },
    )
