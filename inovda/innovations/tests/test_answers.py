"""Indicator filling: the operator's claimed levels, the live self-score, the region's SPD."""

import pytest
from django.urls import reverse

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.core.models import AuditEvent
from inovda.innovations.models import Answer
from inovda.innovations.scoring import period_scores
from inovda.innovations.tests.factories import report

pytestmark = pytest.mark.django_db


def _levels(**levels):
    return {f"level_{code}": str(level) for code, level in levels.items()}


def test_operator_claims_levels_and_sees_the_innovation_points(client, world):
    galuh = report(world["disdukcapil"], world["period"])
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    url = reverse("innovations:report-answers", args=[galuh.pk])

    saved = client.post(url, _levels(**{"16": 3, "17": 2}))
    page = client.get(url)

    assert saved.status_code == 302
    assert {a.row_code: a.claimed_level for a in Answer.objects.all()} == {"16": 3, "17": 2}
    assert 'data-testid="innovation-points"' in page.content.decode()
    assert AuditEvent.objects.filter(action="answers.save").count() == 1


def test_a_level_outside_the_options_is_refused_and_nothing_is_saved(client, world):
    galuh = report(world["disdukcapil"], world["period"])
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))

    response = client.post(
        reverse("innovations:report-answers", args=[galuh.pk]), _levels(**{"16": 7})
    )

    assert response.status_code == 200
    assert "7 bukan salah satu dari pilihan yang tersedia" in response.content.decode()
    assert not Answer.objects.exists()


def test_other_unit_and_other_region_cannot_read_or_fill_the_answers(client, world):
    galuh = report(world["disdukcapil"], world["period"])
    url = reverse("innovations:report-answers", args=[galuh.pk])

    client.force_login(person(Role.UNIT_OPERATOR, unit=world["dinkes"]))
    same_region = client.post(url, _levels(**{"16": 3}))
    client.force_login(person(Role.REGION_ADMIN, region=world["bangkalan"]))
    other_region = client.get(url)

    assert (same_region.status_code, other_region.status_code) == (404, 404)
    assert not Answer.objects.exists()


def test_region_indicators_are_filled_by_the_region_admin_only(client, world):
    url = reverse("innovations:region-answers", args=[world["period"].pk])

    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    operator = client.get(url)
    client.force_login(person(Role.VERIFIER, region=world["balangan"]))
    verifier_post = client.post(url, _levels(**{"1": 3}))
    client.force_login(person(Role.REGION_ADMIN, region=world["balangan"]))
    admin_post = client.post(url, _levels(**{"1": 2, "2a": 3}))

    assert operator.status_code == 403
    assert verifier_post.status_code == 403
    assert admin_post.status_code == 302
    assert {a.row_code for a in Answer.objects.filter(report=None)} == {"1", "2a"}


def test_dashboard_shows_self_score_and_units_with_no_innovation(client, world):
    galuh = report(world["disdukcapil"], world["period"])
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    client.post(reverse("innovations:report-answers", args=[galuh.pk]), _levels(**{"16": 3}))
    client.force_login(person(Role.REGION_ADMIN, region=world["balangan"]))

    page = client.get(reverse("innovations:report-list", args=[world["period"].pk]))
    scores = period_scores(world["period"])

    body = page.content.decode()
    assert scores["claimed"].iid > 0
    assert scores["verified"].iid == 0  # nothing verified yet
    assert "Dinas Kesehatan Balangan" in body  # a unit with no innovation this year
    assert "Kemajuan per unit" in body


def test_two_people_saving_the_same_answer_get_a_conflict_not_a_silent_overwrite(client, world):
    galuh = report(world["disdukcapil"], world["period"])
    url = reverse("innovations:report-answers", args=[galuh.pk])
    siti = person(Role.UNIT_OPERATOR, unit=world["disdukcapil"])
    budi = person(Role.UNIT_OPERATOR, unit=world["disdukcapil"])
    client.force_login(siti)
    client.post(url, {"level_16": "1", "seen_16": "0"})

    # Both load version 1; Siti saves first, then Budi's save is refused as a whole.
    client.post(url, {"level_16": "3", "seen_16": "1"})
    client.force_login(budi)
    second = client.post(url, {"level_16": "2", "seen_16": "1", "level_17": "2", "seen_17": "0"})

    assert "Indikator 16 baru saja disimpan orang lain" in second.content.decode()
    assert dict(Answer.objects.values_list("row_code", "claimed_level")) == {"16": 3}


def test_points_update_live_as_the_operator_clicks_without_saving(client, world):
    galuh = report(world["disdukcapil"], world["period"])
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    url = reverse("innovations:answers-preview", args=[galuh.pk])

    none = client.post(url, {})
    some = client.post(url, _levels(**{"16": 3, "17": 2}), HTTP_HX_REQUEST="true")

    assert 'data-testid="answered">0 / 20' in none.content.decode()
    assert 'data-testid="answered">2 / 20' in some.content.decode()
    assert "belum disimpan" in some.content.decode()
    assert not Answer.objects.exists()
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["dinkes"]))
    assert client.post(url, _levels(**{"16": 3})).status_code == 404
