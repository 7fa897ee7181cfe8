"""What to fix first, the verified-score prediction and ranks."""

import dataclasses
import datetime as dt
from decimal import Decimal

from inovda.scoring import score
from inovda.scoring.analysis import (
    fixes_first,
    predict_verified,
    rank_regions,
    rank_sensitivity,
)
from inovda.scoring.tests.builders import innovation_worth_70, rulebook_2026, spec_example
from inovda.scoring.types import Answer, AnswerSet, Evidence, InnovationAnswers

HUNDRED = Decimal(100)


def _raise(answers: AnswerSet, fix) -> AnswerSet:
    if fix.scope == "region":
        old = answers.region.get(fix.row)
        return dataclasses.replace(
            answers, region={**answers.region, fix.row: Answer(fix.to_level)}
        )
    innovations = []
    for inn in answers.innovations:
        if inn.name == fix.innovation:
            inn = dataclasses.replace(inn, answers={**inn.answers, fix.row: Answer(fix.to_level)})
        innovations.append(inn)
    del old
    return dataclasses.replace(answers, innovations=tuple(innovations))


def test_fixes_first_gains_equal_rescoring():
    rulebook = rulebook_2026()
    answers = spec_example(affair_count=5)
    base = score(rulebook, answers)

    fixes = [f for f in fixes_first(rulebook, answers) if f.row is not None][:15]

    for fix in fixes:
        after = score(rulebook, _raise(answers, fix))
        assert after.total - base.total == fix.gain_total
        assert fix.gain_iid == fix.gain_total / 250 * HUNDRED


def test_fixes_first_puts_region_rows_before_innovation_rows_when_they_gain_more():
    fixes = fixes_first(rulebook_2026(), spec_example(affair_count=5), limit=3)

    assert fixes[0].scope == "region"
    assert fixes[0].row == "12"  # weight 2, P1 -> P2: +0,80 IID
    assert "+0,80 poin IID" in fixes[0].message


def test_fixes_first_divisor_fix_appears_only_below_the_floor():
    rulebook = rulebook_2026()
    few = AnswerSet("IID-2026", {}, tuple(innovation_worth_70(f"I{i}") for i in range(4)))

    below = [f for f in fixes_first(rulebook, few) if f.kind == "add_innovation"]
    above = [f for f in fixes_first(rulebook, spec_example(5)) if f.kind == "add_innovation"]

    assert len(below) == 1
    assert "di bawah pembagi minimum 12" in below[0].message
    assert below[0].gain_total == Decimal(70) / 12
    assert above == []


def test_fixes_first_basic_service_gap_names_the_missing_affairs():
    fixes = fixes_first(rulebook_2026(), spec_example(affair_count=4))

    gap = [f for f in fixes if f.kind == "basic_service_gap"]
    assert len(gap) == 1
    assert "tambahkan 1 lagi" in gap[0].message
    assert "sosial" in gap[0].message
    assert gap[0].gain_total == Decimal("7.60")
    assert fixes[0] == gap[0]  # the biggest single gain of this region


def _innovation(**changes) -> InnovationAnswers:
    base = innovation_worth_70("Galuh Sanggam")
    return dataclasses.replace(base, **changes)


def test_predict_verified_flags_a_file_signed_at_unit_level():
    inn = _innovation()
    answers = {
        **inn.answers,
        "16": Answer(3, evidence=(Evidence("sk_kepala_perangkat_daerah", dt.date(2025, 2, 1)),)),
    }
    prediction = predict_verified(
        rulebook_2026(), AnswerSet("IID-2026", {}, (dataclasses.replace(inn, answers=answers),))
    )

    flag = next(f for f in prediction.flags if f.row == "16")
    assert flag.code == "signed_at_unit_level"
    assert "Permendagri 1/2023" in flag.message
    assert flag.cut_to_level == 1  # P1 accepts an SK Kepala Perangkat Daerah
    assert prediction.expected_answers.innovations[0].answers["16"].level == 1


def test_predict_verified_a_109_self_score_falls_hard_when_evidence_is_wrong():
    rulebook = rulebook_2026()
    strong = {r.code: Answer(3, evidence=()) for r in rulebook.sid_rows}
    strong["35"] = Answer(3, evidence=(Evidence("tautan_video"),))
    strong["33"] = Answer(3, evidence=(Evidence("laporan", dt.date(2025, 5, 1)),))
    strong["17"] = Answer(3, evidence=(Evidence("foto"),))  # a photo is not an SK
    answers = AnswerSet("IID-2026", {}, (InnovationAnswers("Balanting", answers=strong),))

    prediction = predict_verified(rulebook, answers)

    codes = {f.code for f in prediction.flags}
    assert {"no_file", "evidence_kind_mismatch"} <= codes
    assert prediction.self_result.innovations[0].points == 111
    assert prediction.expected_result.innovations[0].points == 21  # 33 and 35 survive: 9 + 12
    assert prediction.expected_result.iid < prediction.self_result.iid


def test_predict_verified_cuts_whole_innovations_outside_the_window_or_too_short():
    old = _innovation(implemented_on=dt.date(2021, 3, 1), name="Lama")
    short = _innovation(implemented_on=dt.date(2024, 3, 1), design_words=120, name="Pendek")
    fine = _innovation(
        implemented_on=dt.date(2019, 3, 1), developed_on=dt.date(2025, 1, 5), name="Versi baru"
    )

    prediction = predict_verified(rulebook_2026(), AnswerSet("IID-2026", {}, (old, short, fine)))

    by_code = {f.code: f for f in prediction.flags}
    assert by_code["innovation_outside_window"].innovation == "Lama"
    assert "120 kata, kurang dari 300" in by_code["design_too_short"].message
    points = [i.points for i in prediction.expected_result.innovations]
    assert points == [0, 0, 70]
    assert prediction.expected_result.innovation_count == 3  # still in the divisor


def test_predict_verified_flags_documents_dated_after_the_year():
    inn = _innovation()
    answers = {
        **inn.answers,
        "20": Answer(2, evidence=(Evidence("surat_tugas", dt.date(2027, 1, 3)),)),
    }

    prediction = predict_verified(
        rulebook_2026(), AnswerSet("IID-2026", {}, (dataclasses.replace(inn, answers=answers),))
    )

    assert [f.code for f in prediction.flags if f.innovation] == ["dated_outside_window"]


def test_predict_verified_flags_missing_mandatory_indicators():
    inn = _innovation()
    answers = {k: v for k, v in inn.answers.items() if k != "35"}

    prediction = predict_verified(
        rulebook_2026(), AnswerSet("IID-2026", {}, (dataclasses.replace(inn, answers=answers),))
    )

    flag = next(f for f in prediction.flags if f.innovation == "Galuh Sanggam")
    assert flag.code == "mandatory_missing"
    assert "35" in flag.message


def test_rank_regions_uses_competition_ranking():
    iids = {"Banjar": "63.03", "Balangan": "70.10", "Tabalong": "63.03", "Bangkalan": "35.26"}

    ranked = rank_regions({name: Decimal(v) for name, v in iids.items()})

    assert ranked == [
        ("Balangan", Decimal("70.10"), 1),
        ("Banjar", Decimal("63.03"), 2),
        ("Tabalong", Decimal("63.03"), 2),
        ("Bangkalan", Decimal("35.26"), 4),
    ]


def test_rank_sensitivity_is_reproducible_and_starts_from_the_exact_ranks():
    rulebook = rulebook_2026()
    regions = {
        "A": spec_example(5),
        "B": spec_example(4),
        "C": AnswerSet("IID-2026", {"1": Answer(3)}, (innovation_worth_70("x"),)),
    }

    first = rank_sensitivity(rulebook, regions, samples=50, seed=7)
    second = rank_sensitivity(rulebook, regions, samples=50, seed=7)

    assert first == second
    assert [(s.name, s.base_rank) for s in first] == [("A", 1), ("B", 2), ("C", 3)]
    assert first[2].max_rank == 3 and first[0].min_rank == 1
    assert sum(count for _rank, count in first[0].frequencies) == 50
