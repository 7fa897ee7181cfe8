"""Property tests: what must hold for any answers under any bundled rulebook."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from inovda.scoring import get_bundled_rulebook, predicate_for, score, with_constants
from inovda.scoring.types import Answer, AnswerSet, InnovationAnswers

RULEBOOKS = {
    "IID-2026": get_bundled_rulebook("IID-2026"),
    "IID-2027-DRAFT": get_bundled_rulebook("IID-2027-DRAFT"),
    "IID-2023": with_constants(
        get_bundled_rulebook("IID-2023"),
        count_score_per_innovation="0.38",
        count_score_cap="200",
        basic_service_min="5",
        max_total="250",
    ),
}
AFFAIRS = ("pendidikan", "kesehatan", "sosial", "pekerjaan umum dan penataan ruang", "pariwisata")
levels = st.integers(min_value=0, max_value=3)
statuses = st.sampled_from([None, "accepted", "pending", "rejected"])
answer = st.builds(Answer, level=levels, status=statuses)


@st.composite
def answer_sets(draw, rulebook_name=None):
    name = rulebook_name or draw(st.sampled_from(sorted(RULEBOOKS)))
    rulebook = RULEBOOKS[name]
    region = {r.code: draw(answer) for r in rulebook.spd_rows if draw(st.booleans())}
    innovations = tuple(
        InnovationAnswers(
            name=f"Inovasi {i}",
            affairs=tuple(draw(st.lists(st.sampled_from(AFFAIRS), max_size=2))),
            answers={r.code: draw(answer) for r in rulebook.sid_rows},
        )
        for i in range(draw(st.integers(min_value=0, max_value=25)))
    )
    return name, AnswerSet(rulebook=name, region=region, innovations=innovations)


@settings(deadline=None, max_examples=80)
@given(answer_sets())
def test_iid_is_between_0_and_100(case):
    name, answers = case

    result = score(RULEBOOKS[name], answers)

    assert Decimal(0) <= result.iid <= Decimal(100)
    assert result.iid <= result.claimed_iid


@settings(deadline=None, max_examples=80)
@given(answer_sets(), st.data())
def test_raising_an_answer_never_lowers_the_score(case, data):
    name, answers = case
    rulebook = RULEBOOKS[name]
    before = score(rulebook, answers)
    if answers.innovations and data.draw(st.booleans()):
        index = data.draw(st.integers(0, len(answers.innovations) - 1))
        inn = answers.innovations[index]
        code = data.draw(st.sampled_from([r.code for r in rulebook.sid_rows]))
        old = inn.answers.get(code, Answer(level=0))
        new = InnovationAnswers(
            inn.name,
            inn.affairs,
            {**inn.answers, code: Answer(min(3, old.level + 1), status=old.status)},
        )
        raised = AnswerSet(
            name,
            answers.region,
            (*answers.innovations[:index], new, *answers.innovations[index + 1 :]),
        )
    else:
        code = data.draw(st.sampled_from([r.code for r in rulebook.spd_rows]))
        old = answers.region.get(code, Answer(level=0))
        raised = AnswerSet(
            name,
            {**answers.region, code: Answer(min(3, old.level + 1), status=old.status)},
            answers.innovations,
        )

    after = score(rulebook, raised)

    assert after.total >= before.total
    assert after.iid >= before.iid


@settings(deadline=None, max_examples=80)
@given(answer_sets(), st.data())
def test_rejecting_an_answer_never_raises_the_score(case, data):
    name, answers = case
    rulebook = RULEBOOKS[name]
    code = data.draw(st.sampled_from([r.code for r in rulebook.spd_rows]))
    old = answers.region.get(code, Answer(level=0))
    rejected = AnswerSet(
        name, {**answers.region, code: Answer(old.level, status="rejected")}, answers.innovations
    )

    assert score(rulebook, rejected).iid <= score(rulebook, answers).iid


@settings(deadline=None, max_examples=60)
@given(answer_sets(), st.data())
def test_more_innovations_past_the_floor_never_inflate_the_average(case, data):
    name, answers = case
    rulebook = RULEBOOKS[name]
    before = score(rulebook, answers)
    if before.innovation_count < rulebook.constants.divisor_floor:
        return
    average = before.sid_average
    candidate = InnovationAnswers(
        "Tambahan", (), {r.code: data.draw(answer) for r in rulebook.sid_rows}
    )
    if score(rulebook, AnswerSet(name, {}, (candidate,))).innovations[0].points > average:
        return  # only innovations at or below the average are claimed not to inflate it

    after = score(rulebook, AnswerSet(name, answers.region, (*answers.innovations, candidate)))

    assert after.sid_average <= before.sid_average


def test_predicate_bands_are_exact_at_their_boundaries_for_every_rulebook():
    for rulebook in RULEBOOKS.values():
        for band in rulebook.bands:
            assert predicate_for(rulebook, band.lower).predicate == band.predicate
            assert predicate_for(rulebook, band.upper).predicate == band.predicate
        # Two-decimal values between bands do not exist: every cent has exactly one band.
        for cents in range(0, 10001):
            value = Decimal(cents) / 100
            holders = [b for b in rulebook.bands if b.lower <= value <= b.upper]
            assert len(holders) == 1, (rulebook.name, value)


def test_predicate_2026_and_2023_bands_differ_where_the_spec_says():
    r2026, r2023 = RULEBOOKS["IID-2026"], RULEBOOKS["IID-2023"]

    assert predicate_for(r2026, Decimal("65.00")).label == "Inovatif"
    assert predicate_for(r2026, Decimal("65.01")).label == "Sangat Inovatif"
    assert predicate_for(r2023, Decimal("60.01")).label == "Sangat Inovatif"
    assert predicate_for(r2023, Decimal("35.00")).label == "Inovatif"
    assert predicate_for(r2023, Decimal("34.99")).label == "Kurang Inovatif"
    assert predicate_for(r2026, Decimal("40.00")).label == "Kurang Inovatif"
