"""Golden tests: the engine reproduces the spec's worked examples to the cent."""

import subprocess
import sys
from decimal import Decimal

import pytest

from inovda.scoring import (
    IncompleteRulebookError,
    get_bundled_rulebook,
    score,
    with_constants,
)
from inovda.scoring.tests.builders import rulebook_2026, spec_example
from inovda.scoring.types import Answer, AnswerSet, InnovationAnswers


def test_score_2026_spec_example_with_five_basic_services_is_47_04_inovatif():
    result = score(rulebook_2026(), spec_example(affair_count=5))

    assert result.spd == Decimal(40)
    assert result.divisor == 20
    assert result.sid_average == Decimal(70)
    assert result.count_score == Decimal("7.60")
    assert result.total == Decimal("117.60")
    assert result.iid == Decimal("47.04")
    assert result.predicate_label == "Inovatif"


def test_score_2026_spec_example_with_four_basic_services_loses_the_count_score():
    result = score(rulebook_2026(), spec_example(affair_count=4))

    assert result.count_score == 0
    assert result.basic_service_met is False
    assert result.iid == Decimal("44.00")
    assert result.predicate == "inovatif"


def test_score_2026_rulebook_totals_are_63_111_76_250():
    rulebook = rulebook_2026()

    spd_max = sum(r.max_points for r in rulebook.spd_rows)
    sid_max = sum(r.max_points for r in rulebook.sid_rows)
    count_max = rulebook.constants.count_score_cap * rulebook.constants.count_score_per_innovation

    assert (spd_max, sid_max, count_max) == (63, 111, 76)
    assert spd_max + sid_max + count_max == rulebook.constants.max_total == 250


def test_score_2023_refuses_without_the_unknown_constants():
    rulebook = get_bundled_rulebook("IID-2023")

    with pytest.raises(IncompleteRulebookError) as info:
        score(rulebook, AnswerSet(rulebook="IID-2023"))

    assert info.value.missing == (
        "count_score_per_innovation",
        "count_score_cap",
        "basic_service_min",
        "max_total",
    )
    assert "--constant max_total=NILAI" in str(info.value)


def test_score_2023_example_with_supplied_constants_is_24_00_kurang_inovatif():
    rulebook = with_constants(
        get_bundled_rulebook("IID-2023"),
        count_score_per_innovation="0",
        count_score_cap="200",
        basic_service_min="0",
        max_total="250",
    )
    # SPD 30: every region row at P1 is 21 points; raise rows worth 9 more.
    answers = {r.code: Answer(level=1) for r in rulebook.spd_rows}
    for code in ("6", "7", "8"):  # weight 1.5 each, P1 -> P3 adds 3 each = 9
        answers[code] = Answer(level=3)
    innovations = []
    for name, target in (("A", 60), ("B", 80), ("C", 90), ("D", 70)):
        innovations.append(InnovationAnswers(name=name, answers=_sid_worth(rulebook, target)))
    result = score(
        rulebook, AnswerSet(rulebook="IID-2023", region=answers, innovations=tuple(innovations))
    )

    assert result.spd == 30
    assert result.sid_sum == 300
    assert result.divisor == 10  # MAX(10, 4): four innovations averaged over ten
    assert result.iid == Decimal("24.00")
    assert result.predicate_label == "Kurang Inovatif"


def _sid_worth(rulebook, target):
    """Levels for the innovation rows summing to exactly `target` points (greedy, then P1s)."""
    rows = sorted(rulebook.sid_rows, key=lambda r: -r.weight)
    answers = {r.code: Answer(level=1) for r in rows}
    total = sum(r.weight for r in rows)  # 37 at P1
    for row in rows:
        for _ in range(2):
            if total + row.weight <= target:
                answers[row.code] = Answer(level=answers[row.code].level + 1)
                total += row.weight
    assert total == target
    return answers


def test_score_rejected_answer_counts_zero_but_claimed_iid_keeps_it():
    answers = spec_example(affair_count=5)
    first = answers.innovations[0]
    rejected = InnovationAnswers(
        name=first.name,
        affairs=first.affairs,
        answers={**first.answers, "16": Answer(level=2, status="rejected")},
    )
    answers = AnswerSet(
        rulebook="IID-2026", region=answers.region, innovations=(rejected, *answers.innovations[1:])
    )

    result = score(rulebook_2026(), answers)

    assert result.innovations[0].points == 64
    assert result.claimed_iid == Decimal("47.04")
    assert result.iid == Decimal("46.92")  # 6 points / 20 innovations / 250 * 100 = 0.12


def test_score_basic_service_affairs_match_without_case_and_perlindungan_spelling():
    answers = spec_example(affair_count=5)

    result = score(rulebook_2026(), answers)

    assert "ketenteraman, ketertiban umum, dan pelindungan masyarakat" in (
        result.basic_service_covered
    )


def test_score_under_2027_draft_uses_divisor_14_and_six_affairs():
    result = score(get_bundled_rulebook("IID-2027-DRAFT"), spec_example(affair_count=5))

    assert result.divisor == 20
    assert result.count_score == 0  # 5 of 6 no longer enough
    assert result.iid == Decimal("44.00")


def test_score_no_innovations_uses_the_floor_and_is_not_dividing_by_zero():
    result = score(rulebook_2026(), AnswerSet(rulebook="IID-2026"))

    assert result.divisor == 12
    assert result.iid == 0
    assert result.predicate_label == "Tidak Dapat Dinilai"


def test_scoring_package_imports_no_django():
    code = (
        "import sys, inovda.scoring, inovda.scoring.cli, inovda.scoring.excel; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert out.stdout.strip() == "[]"
