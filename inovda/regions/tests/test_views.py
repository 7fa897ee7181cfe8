"""Pemda and unit pages: each role sees its own, never another tenant's data."""

import pytest
from django.urls import reverse

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.core.models import AuditEvent
from inovda.regions.models import Unit
from inovda.regions.tests.factories import ProvinceFactory, RegionFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two provinces; Balangan and Banjar in one, Bangkalan in the other, each with units."""
    kalsel = ProvinceFactory(code="63", name="Kalimantan Selatan")
    jatim = ProvinceFactory(code="35", name="Jawa Timur")
    balangan = RegionFactory(code="63.11", name="Kabupaten Balangan", parent=kalsel)
    banjar = RegionFactory(code="63.03", name="Kabupaten Banjar", parent=kalsel)
    bangkalan = RegionFactory(code="35.26", name="Kabupaten Bangkalan", parent=jatim)
    return {
        "kalsel": kalsel,
        "balangan": balangan,
        "banjar": banjar,
        "bangkalan": bangkalan,
        "disdukcapil": UnitFactory(region=balangan, name="Disdukcapil Balangan"),
        "dinkes": UnitFactory(region=balangan, name="Dinas Kesehatan Balangan"),
        "dinsos_bkl": UnitFactory(region=bangkalan, name="Dinas Sosial Bangkalan"),
        "bappeda_banjar": UnitFactory(region=banjar, name="Bappedalitbang Banjar"),
    }


def _text(response):
    return response.content.decode()


def test_region_list_national_admin_searches_all_regions(client, world):
    client.force_login(person(Role.NATIONAL_ADMIN))

    response = client.get(reverse("regions:region-list"), {"q": "Bangkalan"})

    assert response.status_code == 200
    assert "Kabupaten Bangkalan" in _text(response)
    assert "Kabupaten Balangan" not in _text(response)


def test_region_list_province_coordinator_sees_only_its_province(client, world):
    client.force_login(person(Role.PROVINCE_COORDINATOR, region=world["kalsel"]))

    page = _text(client.get(reverse("regions:region-list")))

    assert "Kabupaten Balangan" in page and "Kabupaten Banjar" in page
    assert "Kabupaten Bangkalan" not in page


@pytest.mark.parametrize("role", [Role.REGION_ADMIN, Role.VIEWER, Role.VERIFIER])
def test_region_list_is_forbidden_to_region_roles(client, world, role):
    client.force_login(person(role, region=world["balangan"]))

    assert client.get(reverse("regions:region-list")).status_code == 403


def test_region_list_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(reverse("regions:region-list"))

    assert response.status_code == 302
    assert response.url.startswith("/akun/login/")


def test_region_list_query_count_is_constant(client, world, django_assert_num_queries):
    client.force_login(person(Role.NATIONAL_ADMIN))
    with django_assert_num_queries(7):
        client.get(reverse("regions:region-list"), {"q": "Balangan"})
    RegionFactory(name="Kabupaten Balangan Baru", parent=world["kalsel"])
    RegionFactory(name="Kabupaten Balangan Lain", parent=world["kalsel"])

    with django_assert_num_queries(7):
        client.get(reverse("regions:region-list"), {"q": "Balangan"})


def test_region_detail_other_region_is_404_for_region_admin(client, world):
    client.force_login(person(Role.REGION_ADMIN, region=world["balangan"]))

    own = client.get(reverse("regions:region-detail", args=["63.11"]))
    other = client.get(reverse("regions:region-detail", args=["35.26"]))

    assert "Disdukcapil Balangan" in _text(own)
    assert other.status_code == 404
    assert "Dinas Sosial Bangkalan" not in _text(other)


def test_unit_list_region_admin_sees_all_units_of_own_region_only(client, world):
    client.force_login(person(Role.REGION_ADMIN, region=world["balangan"]))

    page = _text(client.get(reverse("regions:unit-list")))

    assert "Disdukcapil Balangan" in page and "Dinas Kesehatan Balangan" in page
    assert "Dinas Sosial Bangkalan" not in page and "Bappedalitbang Banjar" not in page
    assert 'data-testid="unit-add"' in page


def test_unit_list_other_region_by_parameter_is_404(client, world):
    client.force_login(person(Role.REGION_ADMIN, region=world["balangan"]))

    response = client.get(reverse("regions:unit-list"), {"pemda": "35.26"})

    assert response.status_code == 404


def test_unit_list_operator_sees_only_own_unit_and_cannot_add(client, world):
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))

    page = _text(client.get(reverse("regions:unit-list")))

    assert "Disdukcapil Balangan" in page
    assert "Dinas Kesehatan Balangan" not in page
    assert 'data-testid="unit-add"' not in page


def test_unit_list_query_count_is_constant(client, world, django_assert_num_queries):
    client.force_login(person(Role.REGION_ADMIN, region=world["banjar"]))
    with django_assert_num_queries(7):
        client.get(reverse("regions:unit-list"))
    UnitFactory.create_batch(2, region=world["banjar"])

    with django_assert_num_queries(7):
        client.get(reverse("regions:unit-list"))


def test_unit_create_by_region_admin_saves_and_audits(client, world):
    admin = person(Role.REGION_ADMIN, region=world["balangan"])
    client.force_login(admin)

    response = client.post(
        reverse("regions:unit-create"),
        {"name": "UPT Puskesmas Paringin", "kind": "upt_puskesmas", "parent": world["dinkes"].pk},
    )

    assert response.status_code == 302
    unit = Unit.objects.get(name="UPT Puskesmas Paringin")
    assert (unit.region, unit.parent) == (world["balangan"], world["dinkes"])
    event = AuditEvent.objects.get(action="unit.create")
    assert (event.actor, event.region) == (admin, world["balangan"])


def test_unit_create_duplicate_name_shows_error_next_to_field(client, world):
    client.force_login(person(Role.REGION_ADMIN, region=world["balangan"]))

    response = client.post(
        reverse("regions:unit-create"), {"name": "disdukcapil balangan", "kind": "opd"}
    )

    assert response.status_code == 200
    assert "Nama unit sudah dipakai di Pemda ini." in _text(response)
    assert Unit.objects.filter(region=world["balangan"]).count() == 2


def test_unit_create_parent_from_other_region_is_refused(client, world):
    client.force_login(person(Role.REGION_ADMIN, region=world["balangan"]))

    response = client.post(
        reverse("regions:unit-create"),
        {"name": "UPT Baru", "kind": "upt", "parent": world["dinsos_bkl"].pk},
    )

    assert response.status_code == 200
    assert not Unit.objects.filter(name="UPT Baru").exists()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.VERIFIER])
def test_unit_create_is_forbidden_to_read_only_roles(client, world, role):
    client.force_login(person(role, region=world["balangan"]))

    response = client.post(reverse("regions:unit-create"), {"name": "X", "kind": "opd"})

    assert response.status_code == 403
    assert not Unit.objects.filter(name="X").exists()


def test_unit_edit_other_region_unit_is_404_and_unchanged(client, world):
    client.force_login(person(Role.REGION_ADMIN, region=world["balangan"]))

    response = client.post(
        reverse("regions:unit-edit", args=[world["dinsos_bkl"].pk]),
        {"name": "Diretas", "kind": "opd"},
    )

    assert response.status_code == 404
    world["dinsos_bkl"].refresh_from_db()
    assert world["dinsos_bkl"].name == "Dinas Sosial Bangkalan"


def test_unit_edit_operator_of_the_unit_is_forbidden(client, world):
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))

    response = client.post(
        reverse("regions:unit-edit", args=[world["disdukcapil"].pk]),
        {"name": "Baru", "kind": "opd"},
    )

    assert response.status_code == 403


def test_unit_parent_cannot_be_its_own_child(client, world):
    puskesmas = UnitFactory(
        region=world["balangan"], name="UPT Puskesmas Awayan", parent=world["dinkes"]
    )
    client.force_login(person(Role.REGION_ADMIN, region=world["balangan"]))

    response = client.post(
        reverse("regions:unit-edit", args=[world["dinkes"].pk]),
        {"name": "Dinas Kesehatan Balangan", "kind": "opd", "parent": puskesmas.pk},
    )

    assert response.status_code == 200
    world["dinkes"].refresh_from_db()
    assert world["dinkes"].parent is None


def test_unit_deactivate_asks_then_keeps_the_unit(client, world):
    client.force_login(person(Role.REGION_ADMIN, region=world["balangan"]))
    url = reverse("regions:unit-deactivate", args=[world["dinkes"].pk])

    confirm = client.get(url)
    client.post(url)

    assert "Nonaktifkan unit?" in _text(confirm)
    world["dinkes"].refresh_from_db()
    assert world["dinkes"].is_active is False
    assert AuditEvent.objects.filter(action="unit.deactivate").count() == 1
