"""Sign-in: TOTP required for admins, lockout after failures, password reset by e-mail."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from inovda.accounts.models import Role, RoleAssignment, User
from inovda.accounts.tests.factories import PASSWORD, person
from inovda.regions.tests.factories import RegionFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_login_page_is_indonesian_and_offers_no_sign_up(client):
    page = client.get(reverse("account_login")).content.decode()

    assert "Masuk" in page
    assert "/akun/signup/" not in page


def test_region_admin_without_totp_is_sent_to_set_it_up(client):
    admin = person(Role.REGION_ADMIN, region=RegionFactory(), totp=False)
    client.force_login(admin)

    response = client.get(reverse("regions:unit-list"))

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_operator_needs_no_totp(client):
    client.force_login(person(Role.UNIT_OPERATOR, unit=UnitFactory()))

    assert client.get(reverse("core:home")).status_code == 200


def test_admin_with_totp_is_asked_for_the_code_at_sign_in(client):
    admin = person(Role.REGION_ADMIN, region=RegionFactory(), email="admin@balangankab.go.id")

    response = client.post(reverse("account_login"), {"login": admin.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")


def test_lockout_after_five_failures_even_with_right_password(client):
    user = person(Role.VIEWER, region=RegionFactory(), email="bupati@balangankab.go.id")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "salah-salah"})

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert "Terlalu banyak percobaan masuk yang gagal" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_an_indonesian_email_with_a_working_link(client):
    user = person(Role.VIEWER, region=RegionFactory(), email="lupa@balangankab.go.id")

    client.post(reverse("account_reset_password"), {"email": user.email})

    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = re.search(r"http://\S+/akun/password/reset/key/\S+/", body).group(0)
    page = client.get(link.split("testserver")[-1], follow=True)
    assert page.status_code == 200
    assert "kata sandi" in page.content.decode().lower()


def test_create_admin_command_is_idempotent(capsys, monkeypatch):
    RegionFactory(code="63.11", name="Kabupaten Balangan")
    args = ["--email", "Admin@Balangankab.go.id", "--name", "Admin", "--region", "63.11"]

    monkeypatch.setattr("sys.stdin", io.StringIO("Rahasia-Balangan-2026\n"))

    call_command("create_admin", *args, "--password-stdin")
    call_command("create_admin", *args)

    user = User.objects.get(email="admin@balangankab.go.id")
    assert RoleAssignment.objects.filter(user=user, role=Role.REGION_ADMIN).count() == 1
    assert "sudah ada" in capsys.readouterr().out
