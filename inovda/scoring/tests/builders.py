"""Test data for the scoring package: a small hand-made rulebook and the spec's worked examples.

`small_rulebook_data()` gives precise control (few rows, round weights) and depends on no file.
The 2026 helpers build answers that hit the spec's published numbers under the bundled
IID-2026 weights; they skip the test while the bundled file is absent.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from inovda.scoring import get_bundled_rulebook, rulebook_from_dict
from inovda.scoring.types import Answer, AnswerSet, InnovationAnswers, Rulebook

BUNDLED_DIR = Path(__file__).resolve().parents[1] / "rulebooks"
BUNDLED_FILES = {
    "IID-2026": BUNDLED_DIR / "iid-2026.yaml",
    "IID-2023": BUNDLED_DIR / "iid-2023.yaml",
    "IID-2027-DRAFT": BUNDLED_DIR / "iid-2027-draft.yaml",
}

BASIC_SERVICES = (
    "pendidikan",
    "kesehatan",
    "pekerjaan umum dan penataan ruang",
    "perumahan rakyat dan kawasan permukiman",
    "ketenteraman, ketertiban umum, dan perlindungan masyarakat",
    "sosial",
)


def bundled(name: str) -> Rulebook:
    """A bundled rulebook; the test is skipped while its YAML file is not written yet."""
    path = BUNDLED_FILES[name]
    if not path.exists():
        pytest.skip(f"{path.name} belum ada")
    return get_bundled_rulebook(name)


def rulebook_2026() -> Rulebook:
    return bundled("IID-2026")


def region_answers_worth_40() -> dict[str, Answer]:
    """Every 2026 region row at P2 (42 points) but indicator 12 (weight 2) at P1: 40."""
    answers = {r.code: Answer(level=2) for r in rulebook_2026().spd_rows}
    answers["12"] = Answer(level=1)
    return answers


def innovation_worth_70(name: str, affairs: tuple[str, ...] = ()) -> InnovationAnswers:
    """Every 2026 innovation row at P2 (74 points) but the video (weight 4) at P1: 70."""
    answers = {r.code: Answer(level=2) for r in rulebook_2026().sid_rows}
    answers["35"] = Answer(level=1)
    return InnovationAnswers(name=name, affairs=affairs, answers=answers)


def spec_example(affair_count: int) -> AnswerSet:
    """SPD 40, 20 innovations of 70 points, covering `affair_count` basic-service affairs."""
    innovations = tuple(
        innovation_worth_70(
            f"Inovasi {i + 1}", (BASIC_SERVICES[i],) if i < affair_count else ("pariwisata",)
        )
        for i in range(20)
    )
    return AnswerSet(rulebook="IID-2026", region=region_answers_worth_40(), innovations=innovations)


def _params(prefix: str) -> list[dict[str, Any]]:
    return [
        {"level": 1, "text": f"{prefix} P1", "evidence": ["sk_kepala_perangkat_daerah"]},
        {"level": 2, "text": f"{prefix} P2", "evidence": ["perkada"]},
        {"level": 3, "text": f"{prefix} P3", "evidence": ["perda"]},
    ]


def _row(code: str, aspect: str, weight: str, **extra: Any) -> dict[str, Any]:
    indicator = int(code.rstrip("abcdef"))
    return {
        "code": code,
        "indicator": indicator,
        "aspect": aspect,
        "variable": "Institusi" if aspect == "spd" else "Infrastruktur",
        "name": f"Indikator {code}",
        "weight": weight,
        "mandatory": False,
        "source": {"ref": "uji", "unsure": False},
        "parameters": _params(code),
        **extra,
    }


def _sourced(value: Any, unsure: bool = False) -> dict[str, Any]:
    return {"value": value, "source": "uji", "unsure": unsure}


SMALL_DATA: dict[str, Any] = {
    "name": "UJI-1",
    "year": 2026,
    "title": "Buku aturan uji",
    "status": "final",
    "version": "1",
    "description": "Kecil dan bulat, untuk uji.",
    "source": {"ref": "uji", "unsure": False},
    "aspects": {"spd": "Satuan Pemerintahan Daerah", "sid": "Satuan Inovasi Daerah"},
    "constants": {
        "divisor_floor": _sourced(3),
        "count_score_per_innovation": _sourced("0.5"),
        "count_score_cap": _sourced(4),
        "basic_service_min": _sourced(2),
        "max_total": _sourced("30", unsure=True),
    },
    "basic_service_affairs": ["pendidikan", "kesehatan", "sosial"],
    "bands": {
        "source": {"ref": "uji", "unsure": False},
        "items": [
            {
                "predicate": "sangat_inovatif",
                "label": "Sangat Inovatif",
                "lower": "65.01",
                "upper": "100.00",
            },
            {"predicate": "inovatif", "label": "Inovatif", "lower": "40.01", "upper": "65.00"},
            {
                "predicate": "kurang_inovatif",
                "label": "Kurang Inovatif",
                "lower": "0.01",
                "upper": "40.00",
            },
            {
                "predicate": "tidak_dapat_dinilai",
                "label": "Tidak Dapat Dinilai",
                "lower": "0.00",
                "upper": "0.00",
            },
        ],
    },
    "eligibility": {
        "window_start": _sourced("2024-01-01"),
        "window_end": _sourced("2025-12-31"),
        "design_min_words": _sourced(300),
    },
    # rows[0..1]: region rows 1 (weight 1) and 2 (weight 2): SPD max 9.
    # rows[2..4]: innovation rows 16 (1), 17 (2), 18 (0.5, bases a/b): max 10.5 per innovation.
    "rows": [
        _row("1", "spd", "1"),
        _row("2", "spd", "2"),
        _row("16", "sid", "1"),
        _row("17", "sid", "2"),
        _row(
            "18",
            "sid",
            "0.5",
            bases=[
                {"code": "a", "measure": "penerima manfaat", "parameters": _params("18a")},
                {"code": "b", "measure": "cakupan unit", "parameters": _params("18b")},
            ],
        ),
    ],
}


def small_rulebook_data() -> dict[str, Any]:
    """A fresh deep copy of the small rulebook's plain data (safe to break in a test)."""
    return copy.deepcopy(SMALL_DATA)


def small_rulebook(**changes: Any) -> Rulebook:
    data = small_rulebook_data()
    data.update(changes)
    return rulebook_from_dict(data, source_name="uji.yaml")


def small_answers(
    region: dict[str, int | Answer] | None = None,
    *innovations: tuple[str, dict[str, int | Answer], tuple[str, ...]],
) -> AnswerSet:
    """Answers for the small rulebook; ints are plain levels."""

    def answers(raw: dict[str, int | Answer]) -> dict[str, Answer]:
        return {k: v if isinstance(v, Answer) else Answer(level=v) for k, v in raw.items()}

    return AnswerSet(
        rulebook="UJI-1",
        region=answers(region or {}),
        innovations=tuple(
            InnovationAnswers(name=name, answers=answers(raw), affairs=affairs)
            for name, raw, affairs in innovations
        ),
    )


WINDOW_START = dt.date(2024, 1, 1)
