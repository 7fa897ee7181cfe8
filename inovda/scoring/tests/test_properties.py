"""Property tests: what must hold for any answers under every rulebook that can score.

The rulebooks: the small test rulebook, the bundled ones with complete constants (IID-2026,
IID-2027-DRAFT) and IID-2023 with the missing constants supplied.
"""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inovda.scoring import get_bundled_rulebook, predicate_for, score, with_constants
from inovda.scoring.tests.builders import BUNDLED_FILES, small_rulebook
from inovda.scoring.types import Answer, AnswerSet, InnovationAnswers, Rulebook


def _rulebooks() -> dict[str, Rulebook]:
    found = {"UJI-1": small_rulebook()}
    for name, path in BUNDLED_FILES.items():
        if not path.exists():  # not written yet: the small rulebook still runs every property
            continue
        rulebook = get_bundled_rulebook(name)
        if rulebook.constants.missing():
            rulebook = with_constants(
                rulebook,
                **{
                    k: v
                    for k, v in {
                        "count_score_per_innovation": "0.38",
                        "count_score_cap": "200",
                        "basic_service_min": "5",
                        "max_total": "250",
                    }.items()
                    if k in rulebook.constants.missing()
                },
            )
        found[name] = rulebook
    return found


RULEBOOKS = _rulebooks()
AFFAIRS = ("pendidikan", "kesehatan", "sosial", "pekerjaan umum dan penataan ruang", "pariwisata")
SETTINGS = settings(deadline=None, max_examples=100)
levels = st.integers(min_value=0, max_value=3)
statuses = st.sampled_from([None, "accepted", "pending", "rejected"])
answers_ = st.builds(Answer, level=levels, status=statuses)


def _innovation(draw, rulebook: Rulebook, name: str) -> InnovationAnswers:
    return InnovationAnswers(
        name=name,
        affairs=tuple(draw(st.lists(st.sampled_from(AFFAIRS), max_size=3))),
        answers={r.code: draw(answers_) for r in rulebook.sid_rows if draw(st.booleans())},
    )


@st.composite
def cases(draw, min_innovations=0, extra=25):
    """(rulebook, answers): any bundled or test rulebook, any answers a file could hold."""
    rulebook = RULEBOOKS[draw(st.sampled_from(sorted(RULEBOOKS)))]
    low = rulebook.constants.divisor_floor if min_innovations == "floor" else min_innovations
    assert isinstance(low, int)
    count = draw(st.integers(min_value=low, max_value=low + extra))
    region = {r.code: draw(answers_) for r in rulebook.spd_rows if draw(st.booleans())}
    innovations = tuple(_innovation(draw, rulebook, f"Inovasi {i}") for i in range(count))
    return rulebook, AnswerSet(rulebook=rulebook.name, region=region, innovations=innovations)


def _replace(answers: AnswerSet, target: tuple[int | None, str], new: Answer) -> AnswerSet:
    """The same answers with one answer (region if index is None) replaced by `new`."""
    index, code = target
    if index is None:
        return AnswerSet(answers.rulebook, {**answers.region, code: new}, answers.innovations)
    inn = answers.innovations[index]
    changed = InnovationAnswers(inn.name, inn.affairs, {**inn.answers, code: new})
    innovations = (*answers.innovations[:index], changed, *answers.innovations[index + 1 :])
    return AnswerSet(answers.rulebook, answers.region, innovations)


def _target(data, rulebook: Rulebook, answers: AnswerSet) -> tuple[tuple[int | None, str], Answer]:
    """Any answer slot (answered or not) and its current answer."""
    if answers.innovations and data.draw(st.booleans()):
        index = data.draw(st.integers(0, len(answers.innovations) - 1))
        code = data.draw(st.sampled_from([r.code for r in rulebook.sid_rows]))
        current = answers.innovations[index].answers.get(code, Answer(level=0))
        return (index, code), current
    code = data.draw(st.sampled_from([r.code for r in rulebook.spd_rows]))
    return (None, code), answers.region.get(code, Answer(level=0))


@SETTINGS
@given(cases())
def test_iid_is_between_0_and_100_and_never_above_the_claim(case):
    rulebook, answers = case

    result = score(rulebook, answers)

    assert Decimal(0) <= result.iid <= Decimal(100)
    assert result.claimed_iid >= result.iid
    assert result.iid == result.iid.quantize(Decimal("0.01"))


@SETTINGS
@given(cases(), st.data())
def test_raising_any_answer_never_lowers_the_iid(case, data):
    rulebook, answers = case
    target, current = _target(data, rulebook, answers)
    raised_level = data.draw(st.integers(min_value=current.level, max_value=3))
    raised = _replace(answers, target, Answer(raised_level, status=current.status))

    before, after = score(rulebook, answers), score(rulebook, raised)

    assert after.total >= before.total
    assert after.iid >= before.iid
    assert after.claimed_iid >= before.claimed_iid


@SETTINGS
@given(cases(), st.data())
def test_rejecting_any_answer_never_raises_the_iid(case, data):
    rulebook, answers = case
    target, current = _target(data, rulebook, answers)
    rejected = _replace(answers, target, Answer(current.level, status="rejected"))

    before, after = score(rulebook, answers), score(rulebook, rejected)

    assert after.iid <= before.iid
    assert after.claimed_iid == before.claimed_iid


@SETTINGS
@given(cases(min_innovations="floor", extra=10), st.data())
def test_an_innovation_at_or_below_the_average_never_raises_it_past_the_floor(case, data):
    rulebook, answers = case
    before = score(rulebook, answers)
    # Levels of a new innovation whose points are at most the current average.
    candidate = _innovation(data.draw, rulebook, "Tambahan")
    alone = score(rulebook, AnswerSet(rulebook.name, {}, (candidate,))).innovations[0].points
    if alone > before.sid_average:
        candidate = InnovationAnswers("Tambahan", candidate.affairs, {})

    after = score(
        rulebook, AnswerSet(rulebook.name, answers.region, (*answers.innovations, candidate))
    )

    assert after.sid_average <= before.sid_average


def test_predicate_bands_are_exact_at_their_boundaries_for_every_rulebook():
    for rulebook in RULEBOOKS.values():
        for band in rulebook.bands:
            assert predicate_for(rulebook, band.lower) == band
            assert predicate_for(rulebook, band.upper) == band
        # After rounding to 2 decimals no value falls between bands: every cent has one band.
        for cents in range(10001):
            value = Decimal(cents) / 100
            holders = [b for b in rulebook.bands if b.lower <= value <= b.upper]
            assert len(holders) == 1, (rulebook.name, value)
            assert predicate_for(rulebook, value) == holders[0]


def test_predicate_2026_and_2023_bands_differ_where_the_spec_says():
    if not {"IID-2026", "IID-2023"} <= set(RULEBOOKS):
        pytest.skip("buku aturan bawaan belum ada")
    r2026, r2023 = RULEBOOKS["IID-2026"], RULEBOOKS["IID-2023"]

    assert predicate_for(r2026, Decimal("65.00")).label == "Inovatif"
    assert predicate_for(r2026, Decimal("65.01")).label == "Sangat Inovatif"
    assert predicate_for(r2026, Decimal("40.00")).label == "Kurang Inovatif"
    assert predicate_for(r2023, Decimal("60.01")).label == "Sangat Inovatif"
    assert predicate_for(r2023, Decimal("35.00")).label == "Inovatif"
    assert predicate_for(r2023, Decimal("34.99")).label == "Kurang Inovatif"
