"""Pre-check warnings on answers and reports: what a national verifier would reject, said before
submission. They warn and never block (office documents excepted: see `formats`).

Per answer and attached file (`warnings_for_answers`):

- `scan` (low): a PDF with no text layer: the verifier cannot search it.
- `unit` (medium): the PDF's text does not name the unit that uploaded it (read at upload).
- `name` (medium): the PDF's text does not mention the innovation's name (answers of a report
  only; the text of the first pages, kept at upload; files uploaded before that was kept are
  not judged).
- `reused` (high / medium): the same bytes (SHA-256) attached to another innovation's answer,
  or to the region's own indicators, in the same period (high: verifiers reject one document
  proving two innovations); or to another indicator of the same innovation (medium: one decree
  may prove two things, but check).
- `regulation_year` (high): a regulation (Perda, Perkada, Perbup / Perwali / Pergub, SK or
  Keputusan) whose year falls outside `regulation_years` of the period.
- `office` (high): an office document attached to a row whose rulebook text does not name
  office formats (attached before that rule; new attachments are refused).

Per report (`warnings_for_report`, `design_warnings`):

- `design_copy` (high): the design text copies another innovation's, in the same region or
  another (threshold and method in `inovda.evidence.duplicates`). Another region's innovation is
  not named: its data is not the reader's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inovda.evidence.formats import OFFICE_KINDS, office_refusal
from inovda.evidence.prechecks import mentions
from inovda.scoring.types import row_code_key

HIGH, MEDIUM, LOW = "high", "medium", "low"
SEVERITY_LABELS = {HIGH: gettext_lazy("Penting"), MEDIUM: gettext_lazy("Perhatian"),
                   LOW: gettext_lazy("Info")}  # fmt: skip
SEVERITY_ORDER = {HIGH: 0, MEDIUM: 1, LOW: 2}

# Where a regulation announces itself: its title on the first lines, or the file's name.
REGULATION = re.compile(
    r"\b(?:(?P<perda>PERATURAN\s+DAERAH|PERDA)|"
    r"(?P<perkada>PERATURAN\s+(?:BUPATI|WALI\s*KOTA|GUBERNUR|KEPALA\s+DAERAH)|PERKADA|PERBUP|"
    r"PERWALI?|PERGUB)|"
    r"(?P<sk>(?:SURAT\s+)?KEPUTUSAN\s+(?:BUPATI|WALI\s*KOTA|GUBERNUR|KEPALA)|SURAT\s+KEPUTUSAN|"
    r"SK))\b",
    re.IGNORECASE,
)
REGULATION_LABELS = {"perda": "Perda", "perkada": "Perkada", "sk": "SK"}
HEAD_OF_REGION_RULES = [
    ("PERATURAN BUPATI", "Perbup"), ("PERBUP", "Perbup"), ("PERATURAN WALI", "Perwali"),
    ("PERWAL", "Perwali"), ("PERATURAN GUBERNUR", "Pergub"), ("PERGUB", "Pergub"),
]  # fmt: skip
TITLE_CHARS = 600
NUMBER_YEAR = re.compile(r"(?:\bTAHUN\s+|/)((?:19|20)\d\d)\b", re.IGNORECASE)


@dataclass(frozen=True)
class EvidenceWarning:
    """One warning: a stable code, how serious, and what to do (Indonesian)."""

    code: str
    severity: str
    message: str
    evidence_id: int | None = None
    other_report_id: int | None = None

    @property
    def severity_label(self) -> str:
        return str(SEVERITY_LABELS[self.severity])

    @property
    def css(self) -> str:
        return {HIGH: "bad", MEDIUM: "warn", LOW: "grey"}[self.severity]


# --- regulations ------------------------------------------------------------------------------


def regulation_kind(evidence: Any) -> str | None:
    """How to call the file when it is a regulation (title or file name): "Perda", "Perbup",
    "Perwali", "Pergub", "Perkada" or "SK"; else None."""
    for haystack in (evidence.text[:TITLE_CHARS], evidence.original_name):
        found = REGULATION.search(haystack or "")
        if found:
            said = " ".join(found.group().upper().split())
            for words, label in HEAD_OF_REGION_RULES:
                if found.lastgroup == "perkada" and said.startswith(words):
                    return label
            return REGULATION_LABELS[found.lastgroup or "sk"]
    return None


def document_year(evidence: Any) -> int | None:
    """The year the document was set: its date (confirmed or read), else its number's year."""
    if evidence.doc_date:
        return int(evidence.doc_date.year)
    found = NUMBER_YEAR.findall(evidence.doc_number or "")
    return int(found[-1]) if found else None


def regulation_years(period: Any, rulebook: Any, *, region_level: bool) -> tuple[int, int]:
    """The years a regulation attached to this period's answers may carry (inclusive).

    From the first year of the rulebook's eligibility window (innovations must be implemented or
    developed inside it, so an older regulation predates what is assessed) to the year the
    period's input closes (decrees are often signed while the forms are filled in; a later year is
    a typo or a backdated document). Region-level rows look back one year further: their
    indicators ask for the last three years (e.g. the APBD set on time). A rulebook without a
    window: from two years before the period's input opens.
    """
    window_start = getattr(rulebook.eligibility, "window_start", None)
    first = window_start.year if window_start else period.input_opens.year - 2
    if region_level:
        first -= 1
    return first, period.input_closes.year


# --- answers ----------------------------------------------------------------------------------


def _rows(codes: Iterable[str]) -> str:
    return ", ".join(sorted(set(codes), key=row_code_key))


def _file_warnings(
    answer: Any, evidence: Any, *, rulebook: Any, reuse: list[tuple[Any, ...]]
) -> list[EvidenceWarning]:
    name = evidence.original_name
    found: list[EvidenceWarning] = []
    pk = evidence.pk

    def add(code: str, severity: str, message: str) -> None:
        found.append(EvidenceWarning(code, severity, message, evidence_id=pk))

    report = answer.report
    row = next((r for r in rulebook.rows if r.code == answer.row_code), None)
    if evidence.kind in OFFICE_KINDS and row is not None:
        refusal = office_refusal(row, [evidence], rulebook.name)
        if refusal:
            add("office", HIGH, refusal)
    if evidence.has_text is False:
        add("scan", LOW, _(
            "%(file)s: PDF hasil pindaian tanpa lapisan teks, verifikator tidak dapat mencari "
            "isinya. Jika ada, unggah PDF asli dari aplikasinya (bukan hasil pindai)."
        ) % {"file": name})  # fmt: skip
    if evidence.mentions_unit is False and evidence.unit is not None:
        add("unit", MEDIUM, _(
            "%(file)s: teks PDF tidak menyebut nama unit %(unit)s. Pastikan dokumennya memang "
            "milik unit ini."
        ) % {"file": name, "unit": evidence.unit.name})  # fmt: skip
    if report is not None and evidence.has_text and evidence.text:
        innovation = report.innovation.name
        bare = re.sub(r"\([^)]*\)", " ", innovation)
        inner = re.findall(r"\(([^)]*)\)", innovation)
        if not mentions(evidence.text, innovation, bare, *inner):
            add("name", MEDIUM, _(
                "%(file)s: teks PDF tidak menyebut nama inovasi “%(name)s”. Verifikator "
                "mencari nama inovasi pada bukti; lampirkan dokumen yang menyebutnya."
            ) % {"file": name, "name": innovation})  # fmt: skip
    kind = regulation_kind(evidence)
    year = document_year(evidence) if kind else None
    if kind and year:
        first, last = regulation_years(answer.period, rulebook, region_level=report is None)
        if not first <= year <= last:
            add("regulation_year", HIGH, _(
                "%(file)s: %(kind)s tahun %(year)s, di luar rentang tahun %(first)s–%(last)s "
                "untuk %(period)s. Lampirkan regulasi yang berlaku pada periode ini, atau "
                "perbaiki tanggal dokumennya bila salah baca."
            ) % {"file": name, "kind": kind, "year": year, "first": first,
                 "last": last, "period": answer.period.name})  # fmt: skip
    # Where else the same bytes prove something: grouped by innovation, rows in order.
    elsewhere: dict[str, set[str]] = defaultdict(set)
    same_innovation_rows: set[str] = set()
    for other_answer, other_report, row_code, other_name, other_unit in reuse:
        if other_answer == answer.pk:
            continue
        if other_report is not None and other_report == answer.report_id:
            same_innovation_rows.add(row_code)
        elif other_report is None:
            elsewhere[_("indikator Pemda")].add(row_code)
        elif report is not None and other_unit == report.innovation.unit_id:
            elsewhere[_("inovasi “%(name)s”, indikator") % {"name": other_name}].add(row_code)
        else:
            elsewhere[_("inovasi unit lain, indikator")].add(row_code)
    if elsewhere:
        where = "; ".join(f"{label} {_rows(codes)}" for label, codes in sorted(elsewhere.items()))
        add("reused", HIGH, _(
            "%(file)s juga dipakai sebagai bukti %(where)s. Satu dokumen untuk beberapa inovasi "
            "biasanya ditolak verifikator; lampirkan bukti khusus untuk inovasi ini."
        ) % {"file": name, "where": where})  # fmt: skip
    if same_innovation_rows:
        add("reused", MEDIUM, _(
            "%(file)s juga dipakai untuk indikator %(rows)s. Pastikan berkas ini memang "
            "membuktikan setiap indikator itu."
        ) % {"file": name, "rows": _rows(same_innovation_rows)})  # fmt: skip
    return found


def _compute(answers: QuerySet[Any]) -> tuple[dict[int, Any], dict[int, list[EvidenceWarning]]]:
    """Answers (as loaded for display) and their warnings: four queries whatever the count."""
    from inovda.innovations.models import Answer
    from inovda.methodology.adapters import rulebook_of
    from inovda.methodology.models import RulebookVersion

    loaded = {
        a.pk: a
        for a in answers.select_related("period", "report__innovation__unit").defer(
            "report__design", "report__goals", "report__benefits", "report__results",
            "report__development_note",
        )
    }  # fmt: skip
    if not loaded:
        return {}, {}
    versions = {
        v.pk: v
        for v in RulebookVersion.objects.filter(
            pk__in={a.period.rulebook_version_id for a in loaded.values()}
        ).select_related("rulebook")
    }
    through = Answer.evidence.through
    attached: dict[int, list[Any]] = defaultdict(list)
    for link in through.objects.filter(answer_id__in=answers.values("pk")).select_related(
        "evidencefile__unit"
    ):
        attached[link.answer_id].append(link.evidencefile)
    hashes = {f.sha256 for files in attached.values() for f in files}
    periods = {a.period_id for a in loaded.values()}
    uses: dict[tuple[int, str], list[tuple[Any, ...]]] = defaultdict(list)
    if hashes:
        for row in through.objects.filter(
            evidencefile__sha256__in=hashes, answer__period_id__in=periods
        ).values_list(
            "answer__period_id", "evidencefile__sha256", "answer_id", "answer__report_id",
            "answer__row_code", "answer__report__innovation__name",
            "answer__report__innovation__unit_id",
        ):  # fmt: skip
            uses[(row[0], row[1])].append(row[2:])
    result: dict[int, list[EvidenceWarning]] = {}
    for pk, answer in loaded.items():
        rulebook = rulebook_of(versions[answer.period.rulebook_version_id])
        found: list[EvidenceWarning] = []
        for evidence in sorted(attached.get(pk, []), key=lambda f: f.original_name):
            found += _file_warnings(
                answer, evidence, rulebook=rulebook, reuse=uses[(answer.period_id, evidence.sha256)]
            )
        found.sort(key=lambda w: SEVERITY_ORDER[w.severity])
        result[pk] = found
    return loaded, result


def warnings_for_answers(answers: Iterable[Any]) -> dict[int, list[EvidenceWarning]]:
    """Answer pk -> its warnings (most serious first), for a page of answers.

    Four queries whatever the number of answers or files (none for no answers).
    """
    from inovda.innovations.models import Answer

    if isinstance(answers, QuerySet):
        queryset = answers.model.objects.filter(pk__in=answers.values("pk"))
    else:
        pks = [a.pk for a in answers]
        if not pks:
            return {}
        queryset = Answer.objects.filter(pk__in=pks)
    return _compute(queryset)[1]


def answers_with_warnings(period: Any) -> list[tuple[Any, list[Any]]]:
    """Every answer of a period that has a warning, with its warnings; the most serious first,
    then by innovation and row. Answers carry their report, innovation and unit. A constant
    number of queries."""
    from inovda.innovations.models import Answer

    # Every warning here is about an attached file: answers without one need no look.
    with_files = Answer.evidence.through.objects.filter(answer__period=period).values("answer_id")
    loaded, warnings = _compute(Answer.objects.filter(period=period, pk__in=with_files))
    rows = [(loaded[pk], found) for pk, found in warnings.items() if found]

    def order(item: tuple[Any, list[Any]]) -> tuple[Any, ...]:
        answer, found = item
        name = answer.report.innovation.name if answer.report else ""
        return (SEVERITY_ORDER[found[0].severity], name, row_code_key(answer.row_code))

    rows.sort(key=order)
    return rows


# --- reports ----------------------------------------------------------------------------------


def design_warnings(reports: Iterable[Any]) -> dict[int, list[EvidenceWarning]]:
    """Report pk -> design-copy warnings, for several reports in a constant number of queries."""
    from inovda.evidence.duplicates import designs_copied_by
    from inovda.innovations.models import Report

    reports = list(reports)
    matches = designs_copied_by([r.pk for r in reports])
    others = {m.other_id for found in matches.values() for m in found}
    if not others:  # the usual case: no copy, so nothing to describe
        return {r.pk: [] for r in reports}
    described = {
        r.pk: r
        for r in Report.objects.filter(pk__in=others | {r.pk for r in reports})
        .select_related("innovation__unit", "period")
        .only(
            "pk", "innovation__name", "innovation__region_id", "innovation__unit__name",
            "period__name",
        )
    }  # fmt: skip
    result: dict[int, list[EvidenceWarning]] = {}
    for report in reports:
        found = []
        for match in matches.get(report.pk, []):
            other = described.get(match.other_id)
            if other is None:
                continue
            percent = round(match.similarity * 100)
            if other.innovation.region_id == described[report.pk].innovation.region_id:
                where = _("inovasi “%(name)s” (%(unit)s, %(period)s)") % {
                    "name": other.innovation.name,
                    "unit": other.innovation.unit.name,
                    "period": other.period.name,
                }
            else:
                where = _("sebuah inovasi di Pemda lain")
            found.append(EvidenceWarning(
                "design_copy", HIGH,
                _("Rancang bangun %(percent)s%% sama dengan rancang bangun %(where)s. "
                  "Verifikator menolak rancang bangun salinan; tulis dengan kata-kata sendiri "
                  "apa yang dibangun dan diubah oleh inovasi ini.")
                % {"percent": percent, "where": where},
                other_report_id=other.pk,
            ))  # fmt: skip
        result[report.pk] = found
    return result


def warnings_for_report(report: Any) -> list[EvidenceWarning]:
    """The report-level warnings of one report (today: a copied design text)."""
    return design_warnings([report]).get(report.pk, [])


__all__ = [
    "HIGH",
    "LOW",
    "MEDIUM",
    "EvidenceWarning",
    "answers_with_warnings",
    "design_warnings",
    "regulation_years",
    "warnings_for_answers",
    "warnings_for_report",
]
