"""The engine: golden tests that reproduce the spec's worked examples to the cent, and the
formula's parts on a small rulebook with round numbers."""

import subprocess
import sys
from decimal import Decimal

import pytest

from inovda.scoring import (
    AnswerFileError,
    IncompleteRulebookError,
    normalize_affair,
    predicate_for,
    score,
    with_constants,
)
from inovda.scoring.tests.builders import (
    bundled,
    rulebook_2026,
    small_answers,
    small_rulebook,
    spec_example,
)
from inovda.scoring.types import Answer, AnswerSet, InnovationAnswers, RowScore

FULL = {"16": 3, "17": 3, "18": 3}  # 3 + 6 + 1.5 = 10.5 points, the small rulebook's maximum


# --- Golden: the spec's worked examples (iid-2023-indicators.md, section 4) ---------------------


def test_score_2026_spec_example_with_five_basic_services_is_47_04_inovatif():
    result = score(rulebook_2026(), spec_example(affair_count=5))

    assert result.spd == 40
    assert result.sid_sum == 1400
    assert result.divisor == 20
    assert result.sid_average == 70
    assert result.count_score == Decimal("7.60")
    assert result.sid == Decimal("77.60")
    assert result.total == Decimal("117.60")
    assert result.max_total == 250
    assert result.iid == Decimal("47.04")
    assert (result.predicate, result.predicate_label) == ("inovatif", "Inovatif")
    assert result.claimed_iid == Decimal("47.04")
    assert len(result.basic_service_covered) == 5
    assert result.basic_service_met is True


def test_score_2026_spec_example_with_four_basic_services_loses_the_count_score():
    result = score(rulebook_2026(), spec_example(affair_count=4))

    assert result.count_score == 0
    assert result.basic_service_met is False
    assert result.total == 110
    assert result.iid == Decimal("44.00")
    assert result.predicate_label == "Inovatif"


def test_score_2023_refuses_without_the_unknown_constants():
    rulebook = bundled("IID-2023")

    with pytest.raises(IncompleteRulebookError) as info:
        score(rulebook, AnswerSet(rulebook="IID-2023"))

    assert info.value.missing == (
        "count_score_per_innovation",
        "count_score_cap",
        "basic_service_min",
        "max_total",
    )
    message = str(info.value)
    assert message.startswith("IID-2023: constants: konstanta rumus belum diketahui")
    for name in info.value.missing:
        assert f"--constant {name}=NILAI" in message


def test_score_2023_example_with_supplied_constants_is_24_00_kurang_inovatif():
    # J = 0 (no count score) and M = 250, as the spec's illustration assumes.
    rulebook = with_constants(
        bundled("IID-2023"),
        count_score_per_innovation="0",
        count_score_cap="200",
        basic_service_min="0",
        max_total="250",
    )
    region = {r.code: Answer(level=1) for r in rulebook.spd_rows}  # 21 points at P1 ...
    for code in ("6", "7", "8"):  # ... and weight 1.5 each from P1 to P3 adds 9: SPD 30
        region[code] = Answer(level=3)
    innovations = tuple(
        InnovationAnswers(name=name, answers=_sid_worth(rulebook, target))
        for name, target in (("A", 60), ("B", 80), ("C", 90), ("D", 70))
    )

    result = score(rulebook, AnswerSet(rulebook="IID-2023", region=region, innovations=innovations))

    assert result.spd == 30
    assert [i.points for i in result.innovations] == [60, 80, 90, 70]
    assert result.divisor == 10  # MAX(10, 4): four innovations averaged over ten
    assert result.sid_average == 30
    assert result.count_score == 0
    assert result.iid == Decimal("24.00")
    assert result.predicate_label == "Kurang Inovatif"


def _sid_worth(rulebook, target):
    """Levels for the innovation rows summing to exactly `target` points (greedy, then P1s)."""
    rows = sorted(rulebook.sid_rows, key=lambda r: -r.weight)
    answers = {r.code: Answer(level=1) for r in rows}
    total = sum(r.weight for r in rows)
    for row in rows:
        for _ in range(2):
            if total + row.weight <= target:
                answers[row.code] = Answer(level=answers[row.code].level + 1)
                total += row.weight
    assert total == target
    return answers


def test_score_2026_rejected_answer_counts_zero_but_claimed_iid_keeps_it():
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
    assert result.innovation_count == 20
    assert result.claimed_iid == Decimal("47.04")
    assert result.iid == Decimal("46.92")  # 6 points / 20 innovations / 250 * 100 = 0.12


def test_score_2027_draft_needs_all_six_basic_services():
    result = score(bundled("IID-2027-DRAFT"), spec_example(affair_count=5))

    assert result.divisor == 20
    assert result.count_score == 0  # 5 of 6 no longer enough
    assert result.iid == Decimal("44.00")


def test_score_2026_no_innovations_divides_by_the_floor():
    result = score(rulebook_2026(), AnswerSet(rulebook="IID-2026"))

    assert result.divisor == 12
    assert result.iid == 0
    assert result.predicate_label == "Tidak Dapat Dinilai"


# --- The formula's parts, on the small rulebook ----------------------------------------------


def test_score_small_full_breakdown():
    answers = small_answers(
        {"1": 3, "2": 1},
        ("Lengkap", FULL, ("Kesehatan",)),
        ("Sedikit", {"16": 1}, ("sosial",)),
    )

    result = score(small_rulebook(), answers)

    assert (result.rulebook, result.rulebook_version) == ("UJI-1", "1")
    assert (result.spd, result.spd_max) == (5, 9)
    assert [(i.name, i.points, i.max_points) for i in result.innovations] == [
        ("Lengkap", Decimal("10.5"), Decimal("10.5")),
        ("Sedikit", 1, Decimal("10.5")),
    ]
    assert result.sid_sum == Decimal("11.5")
    assert result.divisor == 3  # MAX(3, 2)
    assert str(result.sid_average) == "3.833333333333333333333333333333333333333"  # unrounded
    assert result.basic_service_covered == ("kesehatan", "sosial")
    assert result.count_score == 1  # MIN(2, 4) x 0.5
    assert str(result.total) == "9.833333333333333333333333333333333333333"  # 5 + 3.83... + 1
    assert result.iid == Decimal("32.78")  # 9.8333... / 30 x 100
    assert (result.predicate, result.predicate_label) == ("kurang_inovatif", "Kurang Inovatif")


def test_score_small_every_row_is_in_the_breakdown_in_rulebook_order():
    result = score(small_rulebook(), small_answers({"2": 2}, ("A", {"18": 1}, ())))

    assert result.region_rows == (
        RowScore("1", Decimal(1), 0, 0, Decimal(0), Decimal(3)),
        RowScore("2", Decimal(2), 2, 2, Decimal(4), Decimal(6)),
    )
    assert [(r.code, r.points) for r in result.innovations[0].rows] == [
        ("16", 0),
        ("17", 0),
        ("18", Decimal("0.5")),
    ]


def test_score_small_count_score_is_capped():
    innovations = [(f"I{i}", {"16": 1}, ("pendidikan", "kesehatan")) for i in range(6)]

    result = score(small_rulebook(), small_answers({}, *innovations))

    assert result.divisor == 6
    assert result.count_score == 2  # MIN(6, 4) x 0.5


def test_score_small_count_score_is_zero_below_the_basic_service_minimum():
    answers = small_answers({}, ("A", FULL, ("pendidikan",)), ("B", FULL, ("pariwisata",)))

    result = score(small_rulebook(), answers)

    assert result.basic_service_covered == ("pendidikan",)
    assert result.basic_service_met is False
    assert result.count_score == 0


def test_score_small_rejected_answer_scores_zero_and_the_innovation_still_divides():
    rejected = Answer(level=3, status="rejected")
    answers = small_answers(
        {"1": 3},
        ("A", {**FULL, "17": rejected}, ()),
        ("B", {"16": Answer(level=2, status="rejected")}, ()),
        ("C", {"16": Answer(level=1, status="pending")}, ()),
        ("D", {"16": Answer(level=1, status="accepted")}, ()),
    )

    result = score(small_rulebook(), answers)

    row = result.innovations[0].rows[1]
    assert (row.claimed_level, row.level, row.points, row.status) == (3, 0, 0, "rejected")
    assert [i.points for i in result.innovations] == [Decimal("4.5"), 0, 1, 1]
    assert result.innovation_count == result.divisor == 4
    assert result.iid == Decimal("15.42")  # (3 + 6.5 / 4) / 30 x 100 = 15.416...
    assert result.claimed_iid == Decimal("22.08")  # (3 + 14.5 / 4) / 30 x 100 = 22.083...


def test_score_rounds_once_half_up_to_two_decimals():
    rulebook = with_constants(small_rulebook(), max_total="160")

    result = score(rulebook, small_answers({"1": 1}))

    assert result.total == 1
    assert result.iid == Decimal("0.63")  # 0.625 rounds up (banker's rounding would give 0.62)
    assert result.predicate_label == "Kurang Inovatif"


def test_score_without_answers_is_tidak_dapat_dinilai():
    result = score(small_rulebook(), small_answers())

    assert (result.divisor, result.iid, result.predicate) == (3, 0, "tidak_dapat_dinilai")


def test_score_refuses_a_level_outside_0_to_3_built_in_code():
    with pytest.raises(AnswerFileError) as info:
        score(small_rulebook(), small_answers({"1": Answer(level=7)}))

    assert str(info.value) == (
        "jawaban: jawaban '1': tingkat harus 0-3, bukan 7. Gunakan 0 jika belum dijawab."
    )


def test_score_ignores_answers_to_codes_the_rulebook_lacks():
    with_extra = small_answers({"1": 3, "99": 3})

    assert score(small_rulebook(), with_extra).spd == 3


def test_score_shares_row_score_values_between_innovations():
    answers = small_answers({}, ("A", FULL, ()), ("B", dict(FULL), ()))

    result = score(small_rulebook(), answers)

    first, second = result.innovations
    assert all(a is b for a, b in zip(first.rows, second.rows, strict=True))


def test_normalize_affair_ignores_case_spaces_and_the_perlindungan_spelling():
    assert normalize_affair("  Ketenteraman, Ketertiban Umum,  dan PERLINDUNGAN Masyarakat ") == (
        "ketenteraman, ketertiban umum, dan pelindungan masyarakat"
    )


@pytest.mark.parametrize(
    ("iid", "label"),
    [
        ("100.00", "Sangat Inovatif"),
        ("65.01", "Sangat Inovatif"),
        ("65.00", "Inovatif"),
        ("40.01", "Inovatif"),
        ("40.00", "Kurang Inovatif"),
        ("0.01", "Kurang Inovatif"),
        ("0.00", "Tidak Dapat Dinilai"),
    ],
)
def test_predicate_for_is_inclusive_at_both_ends(iid, label):
    assert predicate_for(small_rulebook(), Decimal(iid)).label == label


def test_scoring_package_imports_no_django():
    code = (
        "import sys, inovda.scoring, inovda.scoring.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert out.stdout.strip() == "[]"
