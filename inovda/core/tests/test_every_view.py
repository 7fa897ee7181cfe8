"""Every page of the app sends anonymous visitors to sign-in, and none answers 500 to a
signed-in person of any role (foreign or missing objects are 404, forbidden pages 403)."""

import pytest
from django.urls import reverse

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.methodology.models import ScoreRecord
from inovda.methodology.services import load_bundled_rulebooks
from inovda.regions.tests.factories import RegionFactory, UnitFactory

pytestmark = pytest.mark.django_db

PAGES = [
    ("core:home", []),
    ("accounts:profile", []),
    ("accounts:people-list", []),
    ("accounts:invite", []),
    ("accounts:person-detail", [1]),
    ("regions:region-list", []),
    ("regions:region-detail", ["63.11"]),
    ("regions:unit-list", []),
    ("regions:unit-create", []),
    ("regions:unit-edit", [1]),
    ("regions:unit-deactivate", [1]),
    ("methodology:rulebook-list", []),
    ("methodology:rulebook-detail", ["IID-2026"]),
    ("methodology:indicator-detail", ["IID-2026", "16"]),
    ("methodology:rulebook-template", ["IID-2026"]),
    ("methodology:rulebook-yaml", ["IID-2026"]),
    ("methodology:rulebook-clone", ["IID-2026"]),
    ("methodology:rulebook-edit", ["IID-2026"]),
    ("methodology:row-edit", ["IID-2026", "16"]),
    ("methodology:score-list", []),
    ("methodology:score-upload", []),
    ("methodology:score-detail", [1]),
    ("methodology:ranking", []),
    ("innovations:period-list", []),
    ("innovations:report-list", [1]),
    ("innovations:report-create", [1]),
    ("innovations:report-edit", [1]),
    ("evidence:unit-evidence", [1]),
    ("evidence:download", [1]),
    ("evidence:facts", [1]),
    ("evidence:warning-queue", []),
    ("evidence:duplicates", []),
    ("innovations:period-edit", [1]),
    ("innovations:report-answers", [1]),
    ("innovations:region-answers", [1]),
    ("innovations:queue", []),
    ("notifications:list", []),
    ("notifications:reminder-index", []),
    ("notifications:reminder-period", [1]),
    ("public:queue", []),
    ("public:detail", [1]),
]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_anonymous_is_sent_to_sign_in(client, name, args):
    response = client.get(reverse(name, args=args))

    assert response.status_code == 302
    assert response.url.startswith("/akun/login/?next=")


@pytest.fixture
def world():
    load_bundled_rulebooks()
    balangan = RegionFactory(code="63.11", name="Kabupaten Balangan")
    unit = UnitFactory(region=balangan)
    return {"balangan": balangan, "unit": unit}


@pytest.mark.parametrize(
    "role",
    [Role.NATIONAL_ADMIN, Role.PROVINCE_COORDINATOR, Role.REGION_ADMIN, Role.VERIFIER, Role.VIEWER,
     Role.JURY, Role.UNIT_OPERATOR, Role.UNIT_HEAD, Role.MENTOR],
)  # fmt: skip
def test_no_page_fails_for_any_role(client, world, role):
    if role == Role.NATIONAL_ADMIN:
        user = person(role)
    elif role == Role.PROVINCE_COORDINATOR:
        user = person(role, region=world["balangan"].parent)
    elif role in (Role.UNIT_OPERATOR, Role.UNIT_HEAD, Role.MENTOR):
        user = person(role, unit=world["unit"])
    else:
        user = person(role, region=world["balangan"])
    client.force_login(user)

    statuses = {name: client.get(reverse(name, args=args)).status_code for name, args in PAGES}

    assert set(statuses.values()) <= {200, 302, 403, 404}, statuses
    assert statuses["core:home"] == 200
    assert statuses["methodology:rulebook-detail"] == 200
    assert ScoreRecord.objects.count() == 0
