"""The scoring engine's vocabulary: frozen dataclasses in, frozen dataclasses out.

A `Rulebook` is one year's methodology (read from YAML by `inovda.scoring.rulebook`); an
`AnswerSet` is one region's answers (read from JSON or Excel by `inovda.scoring.answers`);
`score()` turns both into a `ScoreResult` with points at every level. No Django, no I/O here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

Aspect = Literal["spd", "sid"]
Status = Literal["accepted", "rejected", "pending"]
RulebookStatus = Literal["final", "partial", "draft"]

# Predicate codes, in the order of the bands from best to worst.
SANGAT_INOVATIF = "sangat_inovatif"
INOVATIF = "inovatif"
KURANG_INOVATIF = "kurang_inovatif"
TIDAK_DAPAT_DINILAI = "tidak_dapat_dinilai"
PREDICATES = (SANGAT_INOVATIF, INOVATIF, KURANG_INOVATIF, TIDAK_DAPAT_DINILAI)

# Names of the formula constants, as they appear under `constants:` in a rulebook.
CONSTANT_NAMES = (
    "divisor_floor",
    "count_score_per_innovation",
    "count_score_cap",
    "basic_service_min",
    "max_total",
)


# The innovation profile fields of the national portal that a rulebook can list under
# `profile_fields` (spec iid-rule-changes-and-portal-fields.md, Part B.1). A few codes stand for
# a group of inputs: `location` (coordinates and address), `budget` (amount, source, document),
# `ip_rights` (HAKI kind, number, status), `developed_on` (date and explanation).
PROFILE_FIELD_CODES = (
    "stage",
    "initiator_kind",
    "initiator_name",
    "kind",
    "form",
    "main_affair",
    "other_affairs",
    "location",
    "asta_cita",
    "pkpn_cluster",
    "trial_on",
    "implemented_on",
    "developed_on",
    "design",
    "goals",
    "benefits",
    "results",
    "budget",
    "business_profile",
    "ip_rights",
    "awards",
    "video_url",
    "impact_measures",
)


@dataclass(frozen=True)
class Source:
    """Where a value comes from, and whether the spec doubts it."""

    ref: str
    unsure: bool = False
    note: str = ""


@dataclass(frozen=True)
class Parameter:
    """One of a row's three ordered parameters (P1 < P2 < P3)."""

    level: int
    text: str
    # Document kinds that prove this parameter, e.g. ("perda",) or ("sk_kepala_daerah",).
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Basis:
    """An alternative basis of a row (indicator 33's a-f): same weight, own thresholds."""

    code: str
    measure: str
    parameters: tuple[Parameter, ...]


def row_code_key(code: str | None) -> tuple[int, str]:
    """Row codes in the rulebook's order: 2 < 2a < 2b < 10 (None, a region-wide item, first)."""
    if code is None:
        return (0, "")
    digits = code[: len(code) - len(code.lstrip("0123456789"))]
    return (int(digits or 0), code)


@dataclass(frozen=True)
class Row:
    """A scored row: an indicator, or one half of a split one (2a, 2b)."""

    code: str  # "1", "2a", "16"
    indicator: int  # 2 for "2a"
    aspect: Aspect  # spd: once per region; sid: per innovation
    variable: str
    name: str
    weight: Decimal
    mandatory: bool
    parameters: tuple[Parameter, ...]
    description: str = ""
    bases: tuple[Basis, ...] = ()
    source: Source | None = None

    @property
    def scope(self) -> Literal["region", "innovation"]:
        return "region" if self.aspect == "spd" else "innovation"

    @property
    def max_points(self) -> Decimal:
        return self.weight * 3


@dataclass(frozen=True)
class Band:
    """A predicate band, inclusive at both ends, on the IID rounded to 2 decimals."""

    predicate: str
    label: str
    lower: Decimal
    upper: Decimal


@dataclass(frozen=True)
class Constants:
    """The formula's constants; None where the year's value is not known."""

    divisor_floor: int | None
    count_score_per_innovation: Decimal | None
    count_score_cap: int | None
    basic_service_min: int | None
    max_total: Decimal | None
    basic_service_affairs: tuple[str, ...] = ()
    sources: Mapping[str, Source] = field(default_factory=dict)

    def missing(self) -> tuple[str, ...]:
        return tuple(name for name in CONSTANT_NAMES if getattr(self, name) is None)


@dataclass(frozen=True)
class Eligibility:
    """Which innovations the year accepts: implemented or developed inside the window."""

    window_start: date | None
    window_end: date | None
    design_min_words: int | None
    sources: Mapping[str, Source] = field(default_factory=dict)


@dataclass(frozen=True)
class ProfileField:
    """One field of the innovation profile the year's portal asks for."""

    field: str  # one of PROFILE_FIELD_CODES
    required: bool = False
    source: Source | None = None


@dataclass(frozen=True)
class Rulebook:
    name: str  # "IID-2026"
    year: int
    title: str
    status: RulebookStatus
    version: str  # bumped on every edit, recorded with every stored score
    rows: tuple[Row, ...]
    constants: Constants
    bands: tuple[Band, ...]
    eligibility: Eligibility
    description: str = ""
    source: Source | None = None
    aspects: Mapping[str, str] = field(default_factory=dict)  # code -> label
    bands_source: Source | None = None
    # None: the rulebook does not say, so the app shows every profile field (older files).
    profile_fields: tuple[ProfileField, ...] | None = None

    def row(self, code: str) -> Row:
        for row in self.rows:
            if row.code == code:
                return row
        raise KeyError(code)

    def profile_field(self, code: str) -> ProfileField | None:
        """The year's entry for a profile field; None when the year does not ask for it.

        A rulebook without `profile_fields` asks for every field, none of them required.
        """
        if self.profile_fields is None:
            return ProfileField(field=code) if code in PROFILE_FIELD_CODES else None
        for entry in self.profile_fields:
            if entry.field == code:
                return entry
        return None

    @property
    def spd_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.aspect == "spd")

    @property
    def sid_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.aspect == "sid")


@dataclass(frozen=True)
class Evidence:
    """What is known of a file attached to an answer (for the verified-score prediction)."""

    kind: str  # a document kind, e.g. "perda", "sk_kepala_perangkat_daerah", "photo"
    dated: date | None = None
    file_name: str = ""


@dataclass(frozen=True)
class Answer:
    level: int  # 0-3; 0 is not answered
    basis: str | None = None
    status: Status | None = None  # None: not verified yet (counts as claimed)
    evidence: tuple[Evidence, ...] | None = None  # None: unknown (not checked)


@dataclass(frozen=True)
class InnovationAnswers:
    name: str
    affairs: tuple[str, ...] = ()
    answers: Mapping[str, Answer] = field(default_factory=dict)
    unit: str = ""
    implemented_on: date | None = None
    developed_on: date | None = None
    design_words: int | None = None


@dataclass(frozen=True)
class AnswerSet:
    rulebook: str | None
    region: Mapping[str, Answer] = field(default_factory=dict)
    innovations: tuple[InnovationAnswers, ...] = ()
    region_name: str = ""


@dataclass(frozen=True)
class RowScore:
    code: str
    weight: Decimal
    claimed_level: int
    level: int  # the level that counts: 0 when rejected
    points: Decimal
    max_points: Decimal
    status: Status | None = None
    basis: str | None = None


@dataclass(frozen=True)
class InnovationScore:
    name: str
    unit: str
    points: Decimal  # sum of its rows (max 111 in 2026)
    max_points: Decimal
    rows: tuple[RowScore, ...]
    affairs: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScoreResult:
    rulebook: str
    rulebook_version: str
    spd: Decimal
    spd_max: Decimal
    sid_sum: Decimal  # sum over innovations of their points
    divisor: int  # MAX(floor, n)
    sid_average: Decimal  # sid_sum / divisor
    count_score: Decimal
    sid: Decimal  # sid_average + count_score
    total: Decimal
    max_total: Decimal
    iid: Decimal  # 2 decimals: the one rounding point
    predicate: str
    predicate_label: str
    claimed_iid: Decimal  # as if no answer were rejected
    innovation_count: int
    basic_service_covered: tuple[str, ...]
    basic_service_met: bool
    region_rows: tuple[RowScore, ...]
    innovations: tuple[InnovationScore, ...]
