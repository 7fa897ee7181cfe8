"""People pages: region admins manage their own region's people, nobody else's."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from inovda.accounts.models import Invitation, Role, RoleAssignment, User
from inovda.accounts.tests.factories import PASSWORD, person
from inovda.core.models import AuditEvent
from inovda.regions.tests.factories import RegionFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    balangan = RegionFactory(code="63.11", name="Kabupaten Balangan")
    bangkalan = RegionFactory(code="35.26", name="Kabupaten Bangkalan")
    disdukcapil = UnitFactory(region=balangan, name="Disdukcapil Balangan")
    dinsos = UnitFactory(region=bangkalan, name="Dinas Sosial Bangkalan")
    admin = person(Role.REGION_ADMIN, region=balangan, full_name="Rahmah Admin Balangan")
    operator = person(Role.UNIT_OPERATOR, unit=disdukcapil, full_name="Operator Disdukcapil")
    other_admin = person(Role.REGION_ADMIN, region=bangkalan, full_name="Admin Bangkalan")
    person(Role.UNIT_OPERATOR, unit=dinsos, full_name="Operator Dinsos Bangkalan")
    Invitation.objects.create(
        region=bangkalan, email="rahasia@bangkalan.go.id", full_name="Undangan Bangkalan",
        role=Role.VERIFIER, token_hash="x" * 64, expires_at="2099-01-01T00:00:00Z",
    )  # fmt: skip
    return locals()


def _text(response):
    return response.content.decode()


def test_people_list_region_admin_sees_own_people_not_others(client, world):
    client.force_login(world["admin"])

    page = _text(client.get(reverse("accounts:people-list")))

    assert "Operator Disdukcapil" in page
    assert "Operator Dinsos Bangkalan" not in page
    assert "rahasia@bangkalan.go.id" not in page


def test_people_list_other_region_by_parameter_is_forbidden(client, world):
    client.force_login(world["admin"])

    response = client.get(reverse("accounts:people-list"), {"pemda": "35.26"})

    assert response.status_code == 403
    assert "Operator Dinsos Bangkalan" not in _text(response)


@pytest.mark.parametrize("role", [Role.UNIT_OPERATOR, Role.VIEWER, Role.VERIFIER])
def test_people_list_forbidden_to_non_admins(client, world, role):
    kwargs = (
        {"unit": world["disdukcapil"]}
        if role == Role.UNIT_OPERATOR
        else {"region": world["balangan"]}
    )
    client.force_login(person(role, **kwargs))

    assert client.get(reverse("accounts:people-list")).status_code == 403


def test_people_list_anonymous_goes_to_sign_in(client, world):
    response = client.get(reverse("accounts:people-list"))

    assert response.url.startswith("/akun/login/")


def test_people_list_query_count_is_constant(client, world, django_assert_num_queries):
    client.force_login(world["admin"])
    with django_assert_num_queries(9):
        client.get(reverse("accounts:people-list"))
    person(Role.VERIFIER, region=world["balangan"])
    person(Role.UNIT_OPERATOR, unit=world["disdukcapil"])

    with django_assert_num_queries(9):
        client.get(reverse("accounts:people-list"))


def test_invitation_lifecycle_send_accept_sign_in(client, world):
    client.force_login(world["admin"])

    response = client.post(
        reverse("accounts:invite"),
        {"full_name": "Siti Operator", "email": "siti@balangankab.go.id", "role": "unit_operator",
         "unit": world["disdukcapil"].pk},
    )  # fmt: skip

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["siti@balangankab.go.id"]
    assert "Operator unit" in email.body and "Disdukcapil Balangan" in email.body
    link = re.search(r"http\S+/pengguna/undangan/(\S+)/", email.body)
    client.logout()
    page = client.get(f"/pengguna/undangan/{link.group(1)}/")
    assert "mengundang Anda sebagai <strong>Operator unit</strong>" in _text(page)

    client.post(
        f"/pengguna/undangan/{link.group(1)}/",
        {"password1": "Balangan-2026-aman", "password2": "Balangan-2026-aman"},
    )

    siti = User.objects.get(email="siti@balangankab.go.id")
    assert RoleAssignment.objects.get(user=siti).unit == world["disdukcapil"]
    assert client.get(reverse("core:home")).status_code == 200  # signed in
    client.logout()
    signed_in = client.post(
        reverse("account_login"),
        {"login": "siti@balangankab.go.id", "password": "Balangan-2026-aman"},
    )
    assert signed_in.url == reverse("core:home")
    again = client.get(f"/pengguna/undangan/{link.group(1)}/")
    assert again.status_code == 404
    assert "Undangan tidak berlaku" in _text(again)


def test_invitation_for_unit_role_without_unit_shows_error_next_to_field(client, world):
    client.force_login(world["admin"])

    response = client.post(
        reverse("accounts:invite"),
        {"full_name": "Tanpa Unit", "email": "x@balangankab.go.id", "role": "unit_operator"},
    )

    assert "Pilih unit kerja untuk peran ini." in _text(response)
    assert Invitation.objects.filter(email="x@balangankab.go.id").count() == 0


def test_invitation_cannot_grant_national_admin(client, world):
    client.force_login(world["admin"])

    client.post(
        reverse("accounts:invite"),
        {"full_name": "Nakal", "email": "nakal@x.id", "role": "national_admin"},
    )

    assert not Invitation.objects.filter(email="nakal@x.id").exists()


def test_invitation_revoked_link_no_longer_works(client, world):
    client.force_login(world["admin"])
    client.post(reverse("accounts:invite"), {"full_name": "A", "email": "a@x.id", "role": "viewer"})
    token = re.search(r"/pengguna/undangan/(\S+)/", mail.outbox[0].body).group(1)
    invitation = Invitation.objects.get(email="a@x.id")

    client.post(reverse("accounts:invitation-revoke", args=[invitation.pk]))
    client.logout()

    assert client.get(f"/pengguna/undangan/{token}/").status_code == 404


def test_invitation_of_other_region_cannot_be_revoked(client, world):
    client.force_login(world["admin"])
    foreign = Invitation.objects.get(email="rahasia@bangkalan.go.id")

    response = client.post(reverse("accounts:invitation-revoke", args=[foreign.pk]))

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.revoked_at is None


def test_person_detail_other_region_person_is_404(client, world):
    client.force_login(world["admin"])
    outsider = User.objects.get(full_name="Operator Dinsos Bangkalan")

    assert client.get(reverse("accounts:person-detail", args=[outsider.pk])).status_code == 404


def test_person_add_and_remove_role_is_audited(client, world):
    client.force_login(world["admin"])
    operator = world["operator"]

    client.post(reverse("accounts:person-detail", args=[operator.pk]), {"role": "verifier"})
    assignment = RoleAssignment.objects.get(user=operator, role="verifier")
    client.post(reverse("accounts:role-remove", args=[assignment.pk]))

    assert not RoleAssignment.objects.filter(user=operator, role="verifier").exists()
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "role.assign", "role.remove",
    ]  # fmt: skip


def test_region_admin_cannot_remove_own_last_admin_role(client, world):
    client.force_login(world["admin"])
    own = RoleAssignment.objects.get(user=world["admin"], role="region_admin")

    response = client.post(reverse("accounts:role-remove", args=[own.pk]), follow=True)

    assert RoleAssignment.objects.filter(pk=own.pk).exists()
    assert "tidak dapat mencabut peran admin Pemda Anda sendiri" in _text(response)


def test_person_deactivate_blocks_sign_in(client, world):
    client.force_login(world["admin"])

    client.post(reverse("accounts:person-deactivate", args=[world["operator"].pk]))
    client.logout()

    world["operator"].refresh_from_db()
    assert world["operator"].is_active is False
    response = client.post(
        reverse("account_login"), {"login": world["operator"].email, "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.url == "/akun/inactive/"


def test_national_admin_chooses_a_region_before_people(client, world):
    client.force_login(person(Role.NATIONAL_ADMIN))

    first = client.get(reverse("accounts:people-list"))
    chosen = client.get(reverse("accounts:people-list"), {"pemda": "35.26"})

    assert first.url == reverse("regions:region-list")
    assert "Operator Dinsos Bangkalan" in chosen.content.decode()


def test_greeting_skips_indonesian_titles():
    from inovda.accounts.models import User

    assert User(full_name="Hj. Nurul Aini").get_short_name() == "Nurul"
    assert User(full_name="Dr. Ir. Lestari Widyaningsih").get_short_name() == "Lestari"
    assert User(full_name="Siti Nurhaliza").get_short_name() == "Siti"
    assert User(full_name="", email="a@b.id").get_short_name() == "a@b.id"
