"""Demo data: every role present, every account signs in, running twice changes nothing."""

import time

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.urls import reverse

from inovda.accounts.models import Role, RoleAssignment, User
from inovda.core.demo import ACCOUNTS, DEMO_PASSWORD, current_demo_code, seed_demo
from inovda.methodology.models import ScoreRecord
from inovda.regions.models import Region, Unit

pytestmark = pytest.mark.django_db


def test_seed_demo_twice_creates_nothing_new():
    seed_demo()
    counts = (User.objects.count(), Unit.objects.count(), ScoreRecord.objects.count())

    again = seed_demo()

    assert again == {
        "regions": 0,
        "units": 0,
        "people": 0,
        "scores": 0,
        "reports": 0,
        "reviews": 0,
    }
    assert (User.objects.count(), Unit.objects.count(), ScoreRecord.objects.count()) == counts
    assert Region.objects.count() == 552


def test_seed_demo_has_every_role_and_the_story_units():
    seed_demo()

    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    balangan = Region.objects.get(code="63.11")
    assert Unit.objects.filter(
        region=balangan, name="Dinas Kependudukan dan Pencatatan Sipil"
    ).exists()
    assert Unit.objects.get(name="BUMDes Desa Sukolilo Barat").region.code == "35.26"
    record = ScoreRecord.objects.get(region=balangan)
    names = [i["name"] for i in record.breakdown["innovations"]]
    assert "Galuh Sanggam" in names and names[1].startswith("Balanting")


def test_every_demo_account_signs_in_and_admins_have_totp(client):
    seed_demo()

    for account in ACCOUNTS:
        response = client.post(
            reverse("account_login"), {"login": account.email, "password": DEMO_PASSWORD}
        )
        expected = reverse("mfa_authenticate") if account.needs_totp else reverse("core:home")
        assert response.url == expected, account.email
        has_totp = Authenticator.objects.filter(user__email=account.email).exists()
        assert has_totp == account.needs_totp
        client.logout()


def test_demo_totp_prints_the_current_six_digit_code(capsys):
    before = time.time()
    call_command("demo_totp", "admin.balangan@inovda.demo")
    after = time.time()

    out = capsys.readouterr().out.strip()
    # A 30 s window may end while the command runs: either window's code is the right one.
    assert out in {current_demo_code(before), current_demo_code(after)}
    assert len(out) == 6 and out.isdigit()


def test_demo_totp_refuses_a_real_account():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Hanya untuk akun demo"):
        call_command("demo_totp", "admin@balangankab.go.id")


def test_demo_dashboard_shows_reports_at_each_review_stage():
    from inovda.innovations.models import Period, Report
    from inovda.innovations.scoring import period_scores

    seed_demo()

    statuses = set(Report.objects.values_list("status", flat=True))
    scores = period_scores(Period.objects.get(region__code="63.11", name="IID 2026"))
    assert {"draft", "submitted", "approved", "returned", "verified"} <= statuses
    assert 0 < scores["verified"].iid < scores["claimed"].iid
