"""What to fix first, what the national verifier will likely cut, and how stable a rank is.

- `fixes_first`: every missing or weak answer ranked by the IID points it gains if raised one
  level (or evidenced again), plus the divisor floor and the basic-service gate.
- `predict_verified`: rules that flag answers the national verifier is likely to cut (the reasons
  reported in the spec, Part C), and the score expected once they are cut.
- `rank_regions` and `rank_sensitivity`: ranks, and how they move when the weights vary within a
  band (uncertainty analysis in the spirit of the JRC/OECD composite-indicator handbook).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import statistics
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from inovda.scoring.engine import score
from inovda.scoring.types import (
    Answer,
    AnswerSet,
    InnovationAnswers,
    Parameter,
    Row,
    Rulebook,
    ScoreResult,
    row_code_key,
)

__all__ = [
    "Fix",
    "Flag",
    "Prediction",
    "RankSensitivity",
    "fixes_by_unit",
    "fixes_first",
    "predict_verified",
    "rank_regions",
    "rank_sensitivity",
]

HUNDRED = Decimal(100)
ZERO = Decimal(0)


def _iid_points(rulebook: Rulebook, total_gain: Decimal) -> Decimal:
    assert rulebook.constants.max_total is not None
    return total_gain / rulebook.constants.max_total * HUNDRED


def _fmt(value: Decimal) -> str:
    """2 decimals, Indonesian comma (messages are read by people)."""
    return f"{value:.2f}".replace(".", ",")


@dataclass(frozen=True)
class Fix:
    kind: str  # raise_level | answer_missing | add_evidence | add_innovation | basic_service_gap
    scope: str  # region | innovation
    innovation: str
    unit: str
    row: str | None
    from_level: int
    to_level: int
    gain_total: Decimal
    gain_iid: Decimal
    message: str


def _row_fix(
    rulebook: Rulebook,
    row: Row,
    answer: Answer | None,
    divisor: int,
    innovation: InnovationAnswers | None,
) -> Fix | None:
    claimed = answer.level if answer else 0
    rejected = answer is not None and answer.status == "rejected"
    where = (
        f"Inovasi '{innovation.name}' indikator {row.code}"
        if innovation
        else f"Indikator Pemda {row.code}"
    )
    label = f"{where} ({row.name})"
    scale = Decimal(divisor) if innovation else Decimal(1)
    if rejected and claimed > 0:
        kind, start, target = "add_evidence", 0, claimed
        gain = row.weight * claimed / scale
        text = f"{label}: lengkapi bukti yang ditolak untuk P{claimed}"
    elif claimed == 0:
        kind, start, target = "answer_missing", 0, 1
        gain = row.weight / scale
        text = f"{label}: belum dijawab; isi minimal P1 dengan buktinya"
    elif claimed < 3:
        kind, start, target = "raise_level", claimed, claimed + 1
        gain = row.weight / scale
        text = f"{label}: naikkan dari P{claimed} ke P{claimed + 1}"
    else:
        return None
    gain_iid = _iid_points(rulebook, gain)
    return Fix(
        kind=kind,
        scope="innovation" if innovation else "region",
        innovation=innovation.name if innovation else "",
        unit=innovation.unit if innovation else "",
        row=row.code,
        from_level=start,
        to_level=target,
        gain_total=gain,
        gain_iid=gain_iid,
        message=f"{text} → +{_fmt(gain_iid)} poin IID",
    )


def fixes_first(
    rulebook: Rulebook,
    answers: AnswerSet,
    *,
    limit: int | None = None,
    base: ScoreResult | None = None,
) -> list[Fix]:
    """The list an admin works through before the deadline, biggest IID gain first.

    `base`: `score(rulebook, answers)` when the caller already has it (it is not scored again).
    """
    base = base if base is not None else score(rulebook, answers)
    c = rulebook.constants
    assert c.divisor_floor is not None and c.count_score_cap is not None
    assert c.count_score_per_innovation is not None and c.basic_service_min is not None
    fixes: list[Fix] = []
    for row in rulebook.spd_rows:
        fix = _row_fix(rulebook, row, answers.region.get(row.code), base.divisor, None)
        if fix:
            fixes.append(fix)
    for inn in answers.innovations:
        for row in rulebook.sid_rows:
            fix = _row_fix(rulebook, row, inn.answers.get(row.code), base.divisor, inn)
            if fix:
                fixes.append(fix)

    n = base.innovation_count
    if n < c.divisor_floor:
        average = base.sid_sum / n if n else ZERO
        extra_count = (
            c.count_score_per_innovation if base.basic_service_met and n < c.count_score_cap else 0
        )
        gain = average / c.divisor_floor + extra_count
        if gain > 0:
            gain_iid = _iid_points(rulebook, gain)
            fixes.append(
                Fix(
                    kind="add_innovation",
                    scope="region",
                    innovation="",
                    unit="",
                    row=None,
                    from_level=n,
                    to_level=n + 1,
                    gain_total=gain,
                    gain_iid=gain_iid,
                    message=(
                        f"Baru {n} inovasi, di bawah pembagi minimum {c.divisor_floor}: setiap "
                        f"inovasi tambahan senilai rata-rata ({_fmt(average)} poin) menaikkan "
                        f"IID +{_fmt(gain_iid)} poin"
                    ),
                )
            )
    if not base.basic_service_met and n:
        missing = [a for a in c.basic_service_affairs if a not in base.basic_service_covered]
        needed = c.basic_service_min - len(base.basic_service_covered)
        count_gain = Decimal(min(n, c.count_score_cap)) * c.count_score_per_innovation
        gain_iid = _iid_points(rulebook, count_gain)
        fixes.append(
            Fix(
                kind="basic_service_gap",
                scope="region",
                innovation="",
                unit="",
                row=None,
                from_level=len(base.basic_service_covered),
                to_level=c.basic_service_min,
                gain_total=count_gain,
                gain_iid=gain_iid,
                message=(
                    f"Skor jumlah inovasi 0 karena baru {len(base.basic_service_covered)} dari "
                    f"{len(c.basic_service_affairs)} urusan pelayanan dasar tercakup; tambahkan "
                    f"{needed} lagi dari: {'; '.join(missing)} → +{_fmt(gain_iid)} poin IID"
                ),
            )
        )
    fixes.sort(key=lambda f: (-f.gain_iid, f.scope != "region", f.innovation, row_code_key(f.row)))
    return fixes[:limit] if limit else fixes


def fixes_by_unit(fixes: list[Fix]) -> dict[str, list[Fix]]:
    grouped: dict[str, list[Fix]] = {}
    for fix in fixes:
        grouped.setdefault(fix.unit or "Pemda", []).append(fix)
    return grouped


# --- verified-score prediction ------------------------------------------------------------

HEAD_OF_REGION_KINDS = frozenset({"sk_kepala_daerah", "perkada", "perda"})
TIME_BOUND_KINDS = frozenset(
    {"surat_tugas", "laporan", "foto", "screenshot", "daftar_hadir", "dokumen_anggaran"}
)


@dataclass(frozen=True)
class Flag:
    code: str
    innovation: str
    row: str | None
    message: str
    cut_to_level: int = 0


@dataclass(frozen=True)
class Prediction:
    flags: tuple[Flag, ...]
    self_result: ScoreResult
    expected_result: ScoreResult
    expected_answers: AnswerSet


def _parameter(row: Row, answer: Answer) -> Parameter | None:
    params = row.parameters
    if answer.basis:
        for basis in row.bases:
            if basis.code == answer.basis:
                params = basis.parameters
    return params[answer.level - 1] if 1 <= answer.level <= 3 else None


def _where(row: Row, innovation: InnovationAnswers | None) -> str:
    if innovation:
        return f"Inovasi '{innovation.name}', indikator {row.code} ({row.name})"
    return f"Indikator Pemda {row.code} ({row.name})"


def _answer_flags(
    rulebook: Rulebook, row: Row, answer: Answer, innovation: InnovationAnswers | None
) -> list[Flag]:
    if answer.level == 0 or answer.status == "rejected" or answer.evidence is None:
        return []
    name = innovation.name if innovation else ""
    where = _where(row, innovation)
    if not answer.evidence:
        return [
            Flag(
                "no_file",
                name,
                row.code,
                f"{where}: P{answer.level} dipilih tanpa berkas bukti. Unggah bukti yang "
                "menyebut nama inovasi, atau turunkan pilihan.",
            )
        ]
    flags: list[Flag] = []
    param = _parameter(row, answer)
    kinds = {e.kind for e in answer.evidence}
    if param and param.evidence and not kinds & set(param.evidence):
        needed = set(param.evidence)
        if needed <= HEAD_OF_REGION_KINDS | {"sk_kepala_perangkat_daerah"} and (
            "sk_kepala_perangkat_daerah" in kinds and not needed & {"sk_kepala_perangkat_daerah"}
        ):
            lower = [
                p.level
                for p in row.parameters
                if "sk_kepala_perangkat_daerah" in p.evidence and p.level < answer.level
            ]
            flags.append(
                Flag(
                    "signed_at_unit_level",
                    name,
                    row.code,
                    f"{where}: P{answer.level} menuntut dokumen yang ditetapkan kepala daerah "
                    f"({', '.join(sorted(needed))}), tetapi yang diunggah SK Kepala Perangkat "
                    "Daerah. Sesuai Permendagri 1/2023, verifikator akan menurunkannya; unggah "
                    "dokumen yang ditandatangani kepala daerah.",
                    cut_to_level=max(lower, default=0),
                )
            )
        else:
            flags.append(
                Flag(
                    "evidence_kind_mismatch",
                    name,
                    row.code,
                    f"{where}: jenis berkas ({', '.join(sorted(kinds))}) tidak sesuai dengan "
                    f"yang diminta P{answer.level} ({', '.join(param.evidence)}). Unggah "
                    "dokumen yang sesuai.",
                )
            )
    year_end = dt.date(rulebook.year, 12, 31)
    start = rulebook.eligibility.window_start
    for e in answer.evidence:
        if e.dated is None:
            continue
        late = e.dated > year_end
        early = start is not None and e.kind in TIME_BOUND_KINDS and e.dated < start
        if late or early:
            flags.append(
                Flag(
                    "dated_outside_window",
                    name,
                    row.code,
                    f"{where}: berkas {e.file_name or e.kind} bertanggal {e.dated:%d-%m-%Y}, di "
                    "luar periode penilaian. Unggah dokumen yang berlaku pada periode ini.",
                )
            )
            break
    return flags


def _innovation_flags(rulebook: Rulebook, inn: InnovationAnswers) -> list[Flag]:
    flags: list[Flag] = []
    e = rulebook.eligibility
    if e.window_start and e.window_end and inn.implemented_on:
        inside = [
            d
            for d in (inn.implemented_on, inn.developed_on)
            if d is not None and e.window_start <= d <= e.window_end
        ]
        if not inside:
            flags.append(
                Flag(
                    "innovation_outside_window",
                    inn.name,
                    None,
                    f"Inovasi '{inn.name}' diterapkan {inn.implemented_on:%d-%m-%Y}, di luar "
                    f"jendela {e.window_start:%d-%m-%Y} s.d. {e.window_end:%d-%m-%Y}, tanpa "
                    "pengembangan dalam jendela itu: seluruh nilainya akan dianggap 0. Laporkan "
                    "sebagai versi baru dengan penjelasan pengembangannya.",
                )
            )
    if (
        e.design_min_words is not None
        and inn.design_words is not None
        and inn.design_words < e.design_min_words
    ):
        flags.append(
            Flag(
                "design_too_short",
                inn.name,
                None,
                f"Inovasi '{inn.name}': rancang bangun {inn.design_words} kata, kurang dari "
                f"{e.design_min_words} kata: inovasi tidak memenuhi syarat. Lengkapi rancang "
                "bangunnya.",
            )
        )
    missing = [
        r.code for r in rulebook.sid_rows if r.mandatory and not _answered(inn.answers.get(r.code))
    ]
    if missing:
        flags.append(
            Flag(
                "mandatory_missing",
                inn.name,
                None,
                f"Inovasi '{inn.name}': indikator wajib {', '.join(missing)} belum terisi: "
                "inovasi dapat dinyatakan tidak memenuhi syarat (belum pasti). Isi indikator "
                "wajib dengan buktinya.",
            )
        )
    return flags


def _answered(answer: Answer | None) -> bool:
    return answer is not None and answer.level > 0 and answer.status != "rejected"


def predict_verified(rulebook: Rulebook, answers: AnswerSet) -> Prediction:
    """Flag what the national verifier is likely to cut, and score the answers once cut."""
    flags: list[Flag] = []
    region = dict(answers.region)
    for row in rulebook.spd_rows:
        answer = region.get(row.code)
        if row.mandatory and not _answered(answer):
            flags.append(
                Flag(
                    "mandatory_missing",
                    "",
                    row.code,
                    f"{_where(row, None)}: indikator wajib belum terisi. Isi dengan buktinya.",
                )
            )
        if answer:
            row_flags = _answer_flags(rulebook, row, answer, None)
            flags.extend(row_flags)
            if row_flags:
                region[row.code] = _cut(answer, min(f.cut_to_level for f in row_flags))
    innovations = []
    for inn in answers.innovations:
        inn_flags = _innovation_flags(rulebook, inn)
        flags.extend(inn_flags)
        whole = any(f.row is None for f in inn_flags)
        new_answers = dict(inn.answers)
        for row in rulebook.sid_rows:
            answer = new_answers.get(row.code)
            if answer is None:
                continue
            row_flags = _answer_flags(rulebook, row, answer, inn)
            flags.extend(row_flags)
            if whole:
                new_answers[row.code] = _cut(answer, 0)
            elif row_flags:
                new_answers[row.code] = _cut(answer, min(f.cut_to_level for f in row_flags))
        innovations.append(dataclasses.replace(inn, answers=new_answers))
    expected_answers = dataclasses.replace(answers, region=region, innovations=tuple(innovations))
    return Prediction(
        flags=tuple(flags),
        self_result=score(rulebook, answers),
        expected_result=score(rulebook, expected_answers),
        expected_answers=expected_answers,
    )


def _cut(answer: Answer, level: int) -> Answer:
    if level > 0:
        return dataclasses.replace(answer, level=level, status=None)
    return dataclasses.replace(answer, status="rejected")


# --- ranks ----------------------------------------------------------------------------------


def rank_regions(iids: Mapping[str, Decimal]) -> list[tuple[str, Decimal, int]]:
    """Standard competition ranking (1, 2, 2, 4), highest IID first; ties listed by name."""
    ordered = sorted(iids.items(), key=lambda item: (-item[1], item[0]))
    ranked: list[tuple[str, Decimal, int]] = []
    for position, (name, iid) in enumerate(ordered, start=1):
        rank = ranked[-1][2] if ranked and ranked[-1][1] == iid else position
        ranked.append((name, iid, rank))
    return ranked


@dataclass(frozen=True)
class RankSensitivity:
    name: str
    base_rank: int
    min_rank: int
    max_rank: int
    median_rank: float
    share_same_rank: Decimal
    frequencies: tuple[tuple[int, int], ...]


def _region_vector(rulebook: Rulebook, answers: AnswerSet) -> tuple[dict[str, float], int, bool]:
    """Counted levels per row (innovation rows summed over innovations), n, gate met."""
    result = score(rulebook, answers)
    levels: dict[str, float] = {r.code: float(r.level) for r in result.region_rows}
    for inn in result.innovations:
        for r in inn.rows:
            levels[r.code] = levels.get(r.code, 0.0) + r.level
    return levels, result.innovation_count, result.basic_service_met


def _ranks(values: Mapping[str, float]) -> dict[str, int]:
    ordered = sorted(values.items(), key=lambda item: (-round(item[1], 2), item[0]))
    ranks: dict[str, int] = {}
    previous: tuple[float, int] | None = None
    for position, (name, value) in enumerate(ordered, start=1):
        rounded = round(value, 2)
        rank = previous[1] if previous and previous[0] == rounded else position
        ranks[name] = rank
        previous = (rounded, rank)
    return ranks


def rank_sensitivity(
    rulebook: Rulebook,
    answer_sets: Mapping[str, AnswerSet],
    *,
    band: Decimal = Decimal("0.25"),
    samples: int = 200,
    seed: int = 0,
) -> list[RankSensitivity]:
    """How each region's rank moves when every row weight varies by up to ±band.

    Each sample multiplies each row's weight by a uniform factor in [1 - band, 1 + band] and
    rescales the maximum total to match, so the IID stays in 0-100. Samples use float
    arithmetic because only ranks are reported; the base rank uses the exact engine.
    """
    c = rulebook.constants
    assert c.divisor_floor is not None and c.count_score_cap is not None
    assert c.count_score_per_innovation is not None
    vectors = {name: _region_vector(rulebook, a) for name, a in answer_sets.items()}
    base = {name: score(rulebook, a).iid for name, a in answer_sets.items()}
    base_ranks = {name: rank for name, _iid, rank in rank_regions(base)}
    spd_codes = [r.code for r in rulebook.spd_rows]
    sid_codes = [r.code for r in rulebook.sid_rows]
    weights = {r.code: float(r.weight) for r in rulebook.rows}
    per = float(c.count_score_per_innovation)
    count_max = c.count_score_cap * per
    rng = random.Random(seed)  # noqa: S311 -- reproducible sampling, not security
    low, high = 1 - float(band), 1 + float(band)
    seen: dict[str, list[int]] = {name: [] for name in answer_sets}
    for _ in range(samples):
        w = {code: weights[code] * rng.uniform(low, high) for code in weights}
        max_total = 3 * sum(w[x] for x in spd_codes) + 3 * sum(w[x] for x in sid_codes) + count_max
        iids = {}
        for name, (levels, n, gate) in vectors.items():
            spd = sum(w[x] * levels.get(x, 0.0) for x in spd_codes)
            sid = sum(w[x] * levels.get(x, 0.0) for x in sid_codes) / max(c.divisor_floor, n)
            count = min(n, c.count_score_cap) * per if gate else 0.0
            iids[name] = (spd + sid + count) / max_total * 100
        for name, rank in _ranks(iids).items():
            seen[name].append(rank)
    out = []
    for name in answer_sets:
        ranks = seen[name] or [base_ranks[name]]
        counts = Counter(ranks)
        out.append(
            RankSensitivity(
                name=name,
                base_rank=base_ranks[name],
                min_rank=min(ranks),
                max_rank=max(ranks),
                median_rank=float(statistics.median(ranks)),
                share_same_rank=Decimal(counts[base_ranks[name]]) / Decimal(len(ranks)),
                frequencies=tuple(sorted(counts.items())),
            )
        )
    out.sort(key=lambda s: (s.base_rank, s.name))
    return out
