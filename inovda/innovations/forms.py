"""Period and report forms; errors in Indonesian next to the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from inovda.innovations.models import Period, Report
from inovda.innovations.services import PROFILE_FIELDS
from inovda.methodology.models import Rulebook

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.ModelForm):
    rulebook = forms.ModelChoiceField(label=_("Buku aturan"), queryset=Rulebook.objects.none())

    class Meta:
        model = Period
        fields = ["name", "input_opens", "input_closes", "verification_closes", "final_on"]
        widgets = {
            f: DATE for f in ["input_opens", "input_closes", "verification_closes", "final_on"]
        }

    def __init__(self, *args: Any, rulebooks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
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


class ReportForm(forms.ModelForm):
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
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.pk and not self.is_bound:
            self.initial["other_affairs"] = "; ".join(self.instance.other_affairs or [])

    def clean_other_affairs(self) -> list[str]:
        raw = self.cleaned_data.get("other_affairs") or ""
        return [a.strip() for a in raw.split(";") if a.strip()]


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


class AnswersForm(forms.Form):
    """One row per scored indicator: the parameter chosen, the basis (33) and the evidence."""

    def __init__(self, *args: Any, rows: Any, answers: Any, evidence: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        by_code = {a.row_code: a for a in answers}
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
            self.fields[f"evidence_{row.code}"] = forms.ModelMultipleChoiceField(
                label=_("Bukti"),
                queryset=evidence,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=[f.pk for f in answer.evidence.all()] if answer else [],
            )

    def entries(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {
            row.code: {
                "level": int(data[f"level_{row.code}"]),
                "basis": data.get(f"basis_{row.code}", ""),
                "evidence": list(data.get(f"evidence_{row.code}", [])),
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
                    for name in (f"level_{row.code}", f"basis_{row.code}", f"evidence_{row.code}")
                    if name in self.fields
                ],
            )
            for row in self.rows
        ]
