"""Period and report forms; errors in Indonesian next to the field."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from inovda.evidence.models import EvidenceFile
from inovda.innovations.models import Period, Report
from inovda.innovations.services import PROFILE_FIELDS, SCHEDULE_FIELDS, columns_of
from inovda.methodology.models import Rulebook
from inovda.scoring.types import PROFILE_FIELD_CODES
from inovda.scoring.types import Rulebook as ScoringRulebook

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.ModelForm):
    rulebook = forms.ModelChoiceField(label=_("Buku aturan"), queryset=Rulebook.objects.none())

    class Meta:
        model = Period
        fields = list(SCHEDULE_FIELDS)
        widgets = {f: DATE for f in SCHEDULE_FIELDS if f != "name"}

    def __init__(self, *args: Any, rulebooks: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if rulebooks is None:  # editing the schedule: the rulebook stays as it is
            del self.fields["rulebook"]
        else:
            self.fields["rulebook"].queryset = rulebooks

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        dates = [
            data.get(f) for f in ("input_opens", "input_closes", "verification_closes", "final_on")
        ]
        if all(dates) and dates != sorted(dates):
            raise forms.ValidationError(
                _("Urutan jadwal: isian dibuka ≤ isian ditutup ≤ verifikasi ditutup ≤ final.")
            )
        return data


def parse_indonesian_number(text: str) -> Decimal:
    """A number written the Indonesian way: "1.500.000,50", "82,35", "Rp 2.000.000", "14".

    Raises ValidationError with a sentence saying how to write it. A lone dot followed by other
    than three digits ("4.5") is refused rather than guessed: in Indonesian it is not a decimal.
    """
    raw = text.strip()
    value = re.sub(r"^rp\.?\s*", "", raw, flags=re.IGNORECASE).replace(" ", "")
    if _PLAIN.match(value):
        return Decimal(value.replace(",", "."))
    if _GROUPED.match(value):
        return Decimal(value.replace(".", "").replace(",", "."))
    if _ENGLISH.match(value):
        raise forms.ValidationError(
            _(
                "“%(v)s” ditulis dengan format Inggris. Format Indonesia memakai titik untuk "
                "ribuan dan koma untuk desimal, mis. 1.500.000,50 atau 4,5."
            ),
            code="invalid",
            params={"v": raw},
        )
    raise forms.ValidationError(
        _("“%(v)s” bukan angka. Tulis dengan angka, mis. 1.000.000 atau 1.500.000,50."),
        code="invalid",
        params={"v": raw},
    )


_PLAIN = re.compile(r"^-?\d+(,\d+)?$")
_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_ENGLISH = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+\.\d+$")


def format_indonesian(value: Decimal) -> str:
    """1500000.50 -> "1.500.000,5"; trailing zeros dropped, as a person would write it."""
    text = f"{abs(value).normalize():f}"
    whole, _dot, fraction = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return ("-" if value < 0 else "") + grouped + ("," + fraction if fraction else "")


class IndonesianDecimalField(forms.Field):
    """A decimal typed in Indonesian format, checked against the model column's size."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(
        self,
        *,
        max_digits: int,
        decimal_places: int,
        min_value: Decimal | None = None,
        **kwargs: Any,
    ) -> None:
        self.max_digits, self.decimal_places, self.min_value = max_digits, decimal_places, min_value
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return format_indonesian(value) if isinstance(value, Decimal) else value

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values or not str(value).strip():
            return None
        if isinstance(value, Decimal):
            return value
        number = parse_indonesian_number(str(value))
        exponent = number.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        if places > self.decimal_places:
            raise forms.ValidationError(
                _("Paling banyak %(n)s angka di belakang koma."),
                code="decimal_places",
                params={"n": self.decimal_places},
            )
        if len(str(abs(int(number)))) > self.max_digits - self.decimal_places:
            raise forms.ValidationError(_("Angka terlalu besar."), code="max_digits")
        if self.min_value is not None and number < self.min_value:
            raise forms.ValidationError(
                _("Tidak boleh kurang dari %(min)s."),
                code="min_value",
                params={"min": format_indonesian(self.min_value)},
            )
        return number


class CoordinateField(forms.Field):
    """Latitude or longitude in degrees: "-2.32" or "-2,32" (a map writes the dot form)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(self, *, limit: int, **kwargs: Any) -> None:
        self.limit = limit
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return f"{value.normalize():f}" if isinstance(value, Decimal) else value

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values or not str(value).strip():
            return None
        if isinstance(value, Decimal):
            return value
        text = str(value).strip().replace(",", ".")
        if not re.match(r"^-?\d{1,3}(\.\d+)?$", text):
            raise forms.ValidationError(
                _("“%(v)s” bukan koordinat. Tulis derajat desimal, mis. -2,32 atau 115,62."),
                code="invalid",
                params={"v": value},
            )
        number = Decimal(text).quantize(Decimal("0.000001"))
        if abs(number) > self.limit:
            raise forms.ValidationError(
                _(
                    "Harus antara -%(n)s dan %(n)s. Apakah lintang dan bujur tertukar? Contoh "
                    "Balangan: lintang -2,32, bujur 115,62."
                ),
                code="range",
                params={"n": self.limit},
            )
        return number


# Indonesia's extent with a margin, to catch a swapped latitude and longitude.
INDONESIA_LAT = (Decimal("-11.5"), Decimal("6.5"))
INDONESIA_LNG = (Decimal("94.5"), Decimal("141.5"))

# Which columns of a rulebook profile field become required when the rulebook requires it.
_REQUIRED_COLUMNS = {
    "location": ("latitude", "longitude"),
    "budget": ("budget_amount", "budget_source"),
    "ip_rights": ("ip_kind", "ip_status"),
    "pkpn_cluster": ("pkpn_cluster",),
    "developed_on": ("developed_on",),
}


class ReportForm(forms.ModelForm):
    """The report's profile, with only the fields the period's rulebook lists.

    Fields the rulebook leaves out are not in the form, so saving never touches them (they keep
    their saved values); those it marks `required` must be filled. Awards and impact measures
    are formsets (`AwardFormSet`, `ImpactMeasureFormSet`); `shows()` says whether to offer them.
    """

    video_url = forms.URLField(
        label=_("Tautan video"),
        required=False,
        assume_scheme="https",
        help_text=_("Mis. tautan YouTube atau Google Drive; dinilai pada indikator 35."),
    )
    other_affairs = forms.CharField(
        label=_("Urusan lain (pisahkan dengan ;)"),
        required=False,
        help_text=_("Urusan wajib pelayanan dasar menentukan skor jumlah inovasi."),
    )
    asta_cita = forms.MultipleChoiceField(
        label=_("Asta Cita"),
        required=False,
        choices=Report.AstaCita.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Misi Asta Cita yang didukung inovasi ini; boleh lebih dari satu."),
    )
    pkpn_program = forms.CharField(
        label=_("Program PKPN"),
        required=False,
        max_length=200,
        help_text=_("Nama program dalam klaster yang dipilih, bila ada."),
    )
    latitude = CoordinateField(
        label=_("Lintang (latitude)"),
        limit=90,
        required=False,
        help_text=_("Klik titik di peta, atau tulis mis. -2,32 (selatan khatulistiwa negatif)."),
    )
    longitude = CoordinateField(
        label=_("Bujur (longitude)"), limit=180, required=False, help_text=_("Mis. 115,62.")
    )
    budget_amount = IndonesianDecimalField(
        label=_("Anggaran (Rp)"),
        max_digits=17,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
        help_text=_("Format Indonesia, mis. 1.500.000 atau 1.500.000,50."),
    )

    class Meta:
        model = Report
        fields = list(PROFILE_FIELDS)
        widgets = {
            "trial_on": DATE,
            "implemented_on": DATE,
            "developed_on": DATE,
            "design": forms.Textarea(
                attrs={
                    "rows": 10,
                    "hx-post": reverse_lazy("innovations:word-count"),
                    "hx-trigger": "input changed delay:400ms, load",
                    "hx-target": "#word-count",
                    "hx-swap": "outerHTML",
                    "hx-include": "[name=min_words]",
                }
            ),
            "development_note": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "benefits": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 3}),
            "business_profile": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "address": _("Nama tempat, desa/kelurahan, kecamatan."),
            "budget_document": _(
                "Halaman DPA/RKA yang memuat kegiatan inovasi (dari bukti dukung unit)."
            ),
            "business_profile": _(
                "Model bisnis, pengguna, pendapatan atau penghematan, rencana keberlanjutan."
            ),
            "ip_number": _("Nomor pencatatan/pendaftaran dari DJKI, bila ada."),
        }

    # (key, title, columns) of the page sections, in order; fields in none come first.
    SECTIONS = (
        (
            "profile",
            _("Profil"),
            (
                "stage",
                "initiator_kind",
                "initiator_name",
                "kind",
                "form",
                "main_affair",
                "other_affairs",
            ),
        ),
        ("priorities", _("Prioritas nasional"), ("asta_cita", "pkpn_cluster", "pkpn_program")),
        ("location", _("Lokasi"), ("latitude", "longitude", "address")),
        ("dates", _("Waktu"), ("trial_on", "implemented_on", "developed_on", "development_note")),
        ("design", _("Rancang bangun"), ("design",)),
        ("substance", _("Tujuan, manfaat dan hasil"), ("goals", "benefits", "results")),
        ("budget", _("Anggaran"), ("budget_amount", "budget_source", "budget_document")),
        (
            "business",
            _("Profil bisnis dan HAKI"),
            ("business_profile", "ip_kind", "ip_number", "ip_status"),
        ),
        ("video", _("Video"), ("video_url",)),
    )

    def __init__(
        self,
        *args: Any,
        rulebook: ScoringRulebook | None = None,
        evidence: Any = None,
        **kwargs: Any,
    ) -> None:
        initial = kwargs.get("initial") or {}
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.pk and "other_affairs" not in initial:
            self.initial["other_affairs"] = "; ".join(self.instance.other_affairs or [])
        self.fields["budget_document"].queryset = (
            evidence if evidence is not None else EvidenceFile.objects.none()
        )
        self.rulebook = rulebook
        self.hidden_profile_fields: list[str] = []
        if rulebook is not None:
            self._apply_rulebook(rulebook)

    def _apply_rulebook(self, rulebook: ScoringRulebook) -> None:
        """Drop what the year does not ask; mark what it requires, saying so in Indonesian."""
        for code in PROFILE_FIELD_CODES:
            entry = rulebook.profile_field(code)
            columns = [c for c in columns_of(code) if c in self.fields]
            if entry is None:
                self.hidden_profile_fields.append(code)
                for column in columns:
                    del self.fields[column]
                continue
            if rulebook.profile_fields is None:
                continue  # an older rulebook: the model's own required fields, as before
            must = _REQUIRED_COLUMNS.get(code, (code,)) if entry.required else ()
            for column in columns:
                field = self.fields[column]
                field.required = column in must
                field.error_messages["required"] = _(
                    "%(label)s wajib diisi menurut %(rulebook)s."
                ) % {"label": field.label, "rulebook": rulebook.title}

    def shows(self, code: str) -> bool:
        """Whether the period's rulebook asks for a profile field (e.g. "impact_measures")."""
        return code not in self.hidden_profile_fields

    def requires(self, code: str) -> bool:
        if self.rulebook is None or self.rulebook.profile_fields is None:
            return False
        entry = self.rulebook.profile_field(code)
        return bool(entry and entry.required)

    def sections(self) -> list[tuple[str, str, list[Any]]]:
        """(key, title, bound fields) for the template; empty sections left out."""
        listed = {c for _key, _title, columns in self.SECTIONS for c in columns}
        first = [self[n] for n in self.fields if n not in listed and not self[n].is_hidden]
        out = [("identity", _("Identitas"), first)] if first else []
        for key, title, columns in self.SECTIONS:
            fields = [self[c] for c in columns if c in self.fields]
            if fields:
                out.append((key, title, fields))
        return out

    def clean_other_affairs(self) -> list[str]:
        raw = self.cleaned_data.get("other_affairs") or ""
        return [a.strip() for a in raw.split(";") if a.strip()]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "latitude" in self.fields and "longitude" in self.fields:
            lat, lng = data.get("latitude"), data.get("longitude")
            if (lat is None) != (lng is None) and not self.errors.get(
                "latitude" if lat is None else "longitude"
            ):
                missing = "latitude" if lat is None else "longitude"
                self.add_error(
                    missing,
                    _("Isi lintang dan bujur bersama-sama, atau klik titik lokasi di peta."),
                )
            elif (
                lat is not None
                and lng is not None
                and not (
                    INDONESIA_LAT[0] <= lat <= INDONESIA_LAT[1]
                    and INDONESIA_LNG[0] <= lng <= INDONESIA_LNG[1]
                )
            ):
                self.add_error(
                    "latitude",
                    _(
                        "Titik (lintang %(lat)s, bujur %(lng)s) di luar wilayah Indonesia. "
                        "Periksa apakah lintang dan bujur tertukar; contoh Balangan: "
                        "lintang -2,32, bujur 115,62."
                    )
                    % {"lat": lat.normalize(), "lng": lng.normalize()},
                )
        return data

    def unvalidated_copy(self, **kwargs: Any) -> ReportForm:
        """An unbound form showing what was typed (to add a row without showing errors)."""
        initial = {name: self[name].value() for name in self.fields}
        return type(self)(instance=self.instance, initial=initial, **kwargs)


class NewReportForm(ReportForm):
    name = forms.CharField(label=_("Nama inovasi"), max_length=200)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    previous = forms.ModelChoiceField(
        label=_("Versi baru dari laporan tahun lalu (bila ada)"), queryset=None, required=False
    )

    field_order = ["name", "unit", "previous"]

    def __init__(self, *args: Any, units: Any, previous: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["previous"].queryset = previous

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        document, unit = data.get("budget_document"), data.get("unit")
        if document is not None and unit is not None and document.unit_id != unit.pk:
            self.add_error(
                "budget_document",
                _("Dokumen anggaran harus bukti dukung milik unit %(unit)s.") % {"unit": unit},
            )
        return data


class AwardForm(forms.Form):
    name = forms.CharField(label=_("Nama penghargaan"), max_length=200)
    giver = forms.CharField(label=_("Pemberi"), max_length=200)
    year = forms.IntegerField(
        label=_("Tahun"),
        min_value=1945,
        max_value=2100,
        error_messages={
            "invalid": _("Tahun harus angka, mis. 2024."),
            "min_value": _("Tahun paling awal 1945."),
            "max_value": _("Tahun terlalu jauh; tulis mis. 2024."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class ImpactMeasureForm(forms.Form):
    """One impact measure: what is measured, in what unit, before and after, from where."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Examples as placeholders: help under every field of every row would bury the rows.
    name = forms.CharField(
        label=_("Ukuran dampak"),
        max_length=150,
        widget=forms.TextInput(attrs={"placeholder": _("mis. Indeks Kepuasan Masyarakat")}),
    )
    measure_unit = forms.CharField(
        label=_("Satuan"),
        max_length=50,
        widget=forms.TextInput(attrs={"placeholder": _("mis. poin, hari, orang, %")}),
    )
    value_before = IndonesianDecimalField(label=_("Nilai sebelum"), max_digits=18, decimal_places=4)
    value_after = IndonesianDecimalField(label=_("Nilai sesudah"), max_digits=18, decimal_places=4)
    measured_before_on = forms.DateField(
        label=_("Diukur sebelum pada"), required=False, widget=DATE
    )
    measured_after_on = forms.DateField(label=_("Diukur sesudah pada"), required=False, widget=DATE)
    source = forms.CharField(
        label=_("Sumber data"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("mis. laporan SKM semester II 2025")}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("measured_before_on"), data.get("measured_after_on")
        if start and end and start > end:
            self.add_error(
                "measured_after_on",
                _("Tanggal ukur sesudah harus sama dengan atau setelah tanggal ukur sebelum."),
            )
        return data


class _ListFormSet(forms.BaseFormSet):
    """A list edited as rows: the rows kept (not marked Hapus), optionally at least one."""

    required_message: Any = None  # set when the rulebook requires at least one row

    def clean(self) -> None:
        super().clean()
        if self.required_message and not self.rows():
            raise forms.ValidationError(self.required_message)

    def rows(self) -> list[dict[str, Any]]:
        return [
            {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def unvalidated_copy(self, extra_row: bool) -> _ListFormSet:
        """An unbound copy showing the rows typed so far, rows marked Hapus left out."""
        initial, empty = [], 0
        for form in self.forms:
            values = {name: form[name].value() for name in form.fields if name != "DELETE"}
            if form[forms.formsets.DELETION_FIELD_NAME].value():
                continue
            if any(v not in (None, "") for v in values.values()):
                initial.append(values)
            else:
                empty += 1
        copy = type(self)(prefix=self.prefix, initial=initial)
        copy.extra = max(empty + (1 if extra_row else 0), 1)
        copy.required_message = self.required_message
        return copy


AwardFormSet = forms.formset_factory(
    AwardForm, formset=_ListFormSet, extra=1, can_delete=True, max_num=30, validate_max=True
)
ImpactMeasureFormSet = forms.formset_factory(
    ImpactMeasureForm,
    formset=_ListFormSet,
    extra=1,
    can_delete=True,
    max_num=30,
    validate_max=True,
)


def list_formset(
    formset_class: Any,
    data: Any,
    *,
    prefix: str,
    initial: list[dict[str, Any]],
    form: ReportForm,
    code: str,
) -> Any:
    """A formset for one of the report's lists, with the rulebook's "at least one" rule.

    A post without the formset's management fields (a client that does not send the list)
    gives an unbound formset: the list is then left as it is, never emptied.
    """
    if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
        data = None
    formset = formset_class(data, prefix=prefix, initial=initial)
    if form.requires(code) and form.rulebook is not None:
        formset.required_message = _(
            "%(label)s wajib diisi menurut %(rulebook)s: isi paling sedikit satu baris."
        ) % {
            "label": _("Penghargaan") if code == "awards" else _("Ukuran dampak"),
            "rulebook": form.rulebook.title,
        }
    return formset


# Files offered under each row without searching: the latest of the unit (or region).
RECENT_EVIDENCE = 8
# Columns the picker shows; the text layer (up to many KB per file) stays in the database.
PICKER_COLUMNS = ("id", "original_name", "size", "kind", "uploaded_at", "unit", "unit__name")


def picker_files(evidence: Any) -> Any:
    """`evidence` (a queryset of files) with only what the picker shows, unit name included."""
    return evidence.only(*PICKER_COLUMNS).select_related("unit")


class EvidencePicks(forms.MultipleChoiceField):
    """The evidence files ticked under one row.

    A unit (or a region) may hold thousands of files, so they are not listed as choices on
    every row; the form checks all rows' picks together in one query (`AnswersForm.clean`).
    """

    def valid_value(self, value: Any) -> bool:
        return str(value).isdigit()


class AnswersForm(forms.Form):
    """One row per scored indicator: the parameter chosen, the basis (33) and the evidence."""

    def __init__(self, *args: Any, rows: Any, answers: Any, evidence: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.evidence = evidence
        by_code = {a.row_code: a for a in answers}
        # Files by pk: those already attached, plus (after clean) those ticked in the post.
        self.files = {f.pk: f for a in answers for f in a.evidence.all()}
        for row in rows:
            answer = by_code.get(row.code)
            choices = [("0", _("Belum dijawab"))] + [
                (str(p.level), f"P{p.level} — {p.text}") for p in row.parameters
            ]
            self.fields[f"level_{row.code}"] = forms.ChoiceField(
                label=f"{row.code}. {row.name}",
                choices=choices,
                widget=forms.RadioSelect,
                required=False,  # a row left out of the post keeps its saved answer
                initial=str(answer.claimed_level if answer else 0),
            )
            if row.bases:
                self.fields[f"basis_{row.code}"] = forms.ChoiceField(
                    label=_("Dasar pengukuran"),
                    required=False,
                    choices=[("", "—")] + [(b.code, f"{b.code}. {b.measure}") for b in row.bases],
                    initial=answer.basis if answer else "",
                )
            self.fields[f"evidence_{row.code}"] = EvidencePicks(
                label=_("Bukti"),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=[str(f.pk) for f in answer.evidence.all()] if answer else [],
                help_text=_("Untuk mengganti bukti: hapus centang berkas lama, unggah yang baru."),
            )
            # The version the operator saw: a newer one saved meanwhile is a conflict.
            self.fields[f"seen_{row.code}"] = forms.IntegerField(
                required=False,
                min_value=0,
                widget=forms.HiddenInput,
                initial=answer.version if answer else 0,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        picked = {int(pk) for row in self.rows for pk in data.get(f"evidence_{row.code}") or []}
        if picked - set(self.files):
            found = picker_files(self.evidence.filter(pk__in=picked - set(self.files)))
            self.files.update({f.pk: f for f in found})
        for row in self.rows:
            name = f"evidence_{row.code}"
            if any(int(pk) not in self.files for pk in data.get(name) or []):
                self.add_error(
                    name,
                    _(
                        "Ada berkas bukti yang tidak ditemukan (mungkin sudah dihapus, atau "
                        "bukan milik unit ini). Muat ulang halaman lalu pilih lagi."
                    ),
                )
        return data

    def picked(self, code: str) -> list[Any]:
        """The files ticked under a row: as posted when the form is bound, else as saved."""
        field = self[f"evidence_{code}"]
        pks = [int(pk) for pk in field.value() or [] if str(pk).isdigit()]
        return [self.files[pk] for pk in dict.fromkeys(pks) if pk in self.files]

    def recent_files(self) -> list[Any]:
        """The latest files of the unit (region), offered under every row; one query."""
        if not hasattr(self, "_recent"):
            query = picker_files(self.evidence).order_by("-uploaded_at", "-id")
            self._recent = list(query[: RECENT_EVIDENCE * 3])
        return self._recent

    def offered(self, code: str) -> list[Any]:
        """Recent files not already ticked under this row."""
        ticked = {f.pk for f in self.picked(code)}
        return [f for f in self.recent_files() if f.pk not in ticked][:RECENT_EVIDENCE]

    def entries(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {
            row.code: {
                "level": int(data[f"level_{row.code}"]),
                "basis": data.get(f"basis_{row.code}", ""),
                "evidence": [
                    self.files[pk]
                    for pk in dict.fromkeys(int(v) for v in data.get(f"evidence_{row.code}", []))
                ],
                "seen": data.get(f"seen_{row.code}"),
            }
            for row in self.rows
            if data.get(f"level_{row.code}") not in (None, "")
        }

    def grouped(self) -> list[tuple[Any, list[Any]]]:
        """(row, [bound fields]) for the template."""
        return [
            (
                row,
                [
                    self[name]
                    for name in (
                        f"level_{row.code}",
                        f"basis_{row.code}",
                        f"evidence_{row.code}",
                        f"seen_{row.code}",
                    )
                    if name in self.fields
                ],
            )
            for row in self.rows
        ]
