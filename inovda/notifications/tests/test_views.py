"""The inbox and the bell: people see only their own notifications, newest first."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.notifications.models import Notification
from inovda.notifications.tests.factories import notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(world):
    return person(Role.UNIT_OPERATOR, unit=world["disdukcapil"])


def test_list_shows_own_notifications_newest_first_with_unread_marked(client, world, operator):
    older = notification(operator, "Galuh Sanggam dikembalikan")
    notification(operator, "Pengingat: isian ditutup besok", kind="reminder")
    notification(person(Role.UNIT_OPERATOR, unit=world["dinkes"]), "Rahasia Dinkes")
    notification(person(Role.UNIT_OPERATOR, unit=world["dinsos"]), "Rahasia Bangkalan")
    Notification.objects.filter(pk=older.pk).update(read_at=older.created_at)
    client.force_login(operator)

    page = client.get(reverse("notifications:list")).content.decode()

    assert page.index("Pengingat: isian ditutup besok") < page.index("Galuh Sanggam dikembalikan")
    assert page.count('data-testid="notification"') == 2
    assert page.count('data-testid="unread-mark"') == 1
    assert "1 belum dibaca" in page
    assert "Rahasia" not in page


def test_list_paginates(client, world, operator):
    for i in range(25):
        notification(operator, f"Kabar nomor {i}")
    client.force_login(operator)

    first = client.get(reverse("notifications:list")).content.decode()
    second = client.get(reverse("notifications:list") + "?page=2").content.decode()

    assert first.count('data-testid="notification"') == 20
    assert "Kabar nomor 24" in first
    assert "Halaman 1 dari 2" in first
    assert second.count('data-testid="notification"') == 5
    assert "Kabar nomor 0" in second


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_is_constant(client, world, operator, django_assert_num_queries, count):
    for _ in range(count):
        notification(operator, region=world["balangan"])
    client.force_login(operator)

    # session, user, roles (nav), count + page (paginator), bell
    with django_assert_num_queries(6):
        response = client.get(reverse("notifications:list"))

    assert response.content.decode().count('data-testid="notification"') == count


def test_empty_list_says_what_will_appear(client, operator):
    client.force_login(operator)

    page = client.get(reverse("notifications:list")).content.decode()

    assert "Belum ada notifikasi." in page
    assert 'data-testid="bell-count"' not in page


def test_bell_shows_unread_count_with_one_query(client, world, operator):
    for _ in range(3):
        notification(operator)
    notification(person(Role.UNIT_OPERATOR, unit=world["dinkes"]))
    client.force_login(operator)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("core:home")).content.decode()

    assert 'data-testid="bell-count">3<' in page
    assert 'aria-label="Notifikasi: 3 belum dibaca"' in page
    bell_queries = [q for q in queries if "notifications_notification" in q["sql"]]
    assert len(bell_queries) == 1


def test_bell_is_not_shown_to_anonymous_visitors(client):
    page = client.get(reverse("account_login")).content.decode()

    assert 'data-testid="bell"' not in page


def test_bell_caps_a_big_count(client, world, operator):
    for _ in range(100):
        notification(operator)
    client.force_login(operator)

    page = client.get(reverse("core:home")).content.decode()

    assert 'data-testid="bell-count">99+<' in page


def test_opening_marks_read_and_follows_the_link(client, operator):
    row = notification(operator, url="/inovasi/periode/1/")
    client.force_login(operator)

    response = client.get(reverse("notifications:open", args=[row.pk]))

    assert response.status_code == 302
    assert response.url == "/inovasi/periode/1/"
    row.refresh_from_db()
    assert row.read_at is not None
    home = client.get(reverse("core:home")).content.decode()
    assert 'data-testid="bell-count"' not in home


@pytest.mark.parametrize(
    "url", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "http:evil.example"]
)
def test_opening_refuses_a_link_off_the_site(client, operator, url):
    # Written past the service (which refuses such links) as an old or tampered row would be.
    row = Notification.objects.create(recipient=operator, title="Klik saya", url=url)
    client.force_login(operator)

    response = client.get(reverse("notifications:open", args=[row.pk]), follow=True)

    assert response.redirect_chain == [(reverse("notifications:list"), 302)]
    assert "mengarah ke luar inovda" in response.content.decode()


def test_opening_a_notification_without_link_shows_the_list(client, operator):
    row = notification(operator, url="")
    client.force_login(operator)

    response = client.get(reverse("notifications:open", args=[row.pk]))

    assert response.url == reverse("notifications:list")


def test_mark_one_read(client, operator):
    row = notification(operator, "Galuh Sanggam dikembalikan")
    other = notification(operator, "Balanting dikembalikan")
    client.force_login(operator)

    response = client.post(reverse("notifications:read", args=[row.pk]), {"page": "1"})

    assert response.url == reverse("notifications:list") + "?page=1"
    row.refresh_from_db()
    other.refresh_from_db()
    assert row.read_at is not None
    assert other.read_at is None


def test_mark_all_read(client, world, operator):
    for _ in range(3):
        notification(operator)
    someone_else = notification(person(Role.UNIT_OPERATOR, unit=world["dinkes"]))
    client.force_login(operator)

    response = client.post(reverse("notifications:read-all"), follow=True)

    assert "3 notifikasi ditandai sudah dibaca." in response.content.decode()
    assert Notification.objects.filter(recipient=operator, read_at__isnull=True).count() == 0
    someone_else.refresh_from_db()
    assert someone_else.read_at is None


def test_marking_read_needs_post(client, operator):
    row = notification(operator)
    client.force_login(operator)

    assert client.get(reverse("notifications:read", args=[row.pk])).status_code == 405
    assert client.get(reverse("notifications:read-all")).status_code == 405
    row.refresh_from_db()
    assert row.read_at is None


@pytest.mark.parametrize(
    "who", ["same_unit_head", "same_region_operator", "other_region_operator", "region_admin"]
)
def test_someone_elses_notification_is_404(client, world, operator, who):
    row = notification(operator, "Galuh Sanggam dikembalikan", url="/inovasi/")
    intruder = {
        "same_unit_head": lambda: person(Role.UNIT_HEAD, unit=world["disdukcapil"]),
        "same_region_operator": lambda: person(Role.UNIT_OPERATOR, unit=world["dinkes"]),
        "other_region_operator": lambda: person(Role.UNIT_OPERATOR, unit=world["dinsos"]),
        "region_admin": lambda: person(Role.REGION_ADMIN, region=world["balangan"]),
    }[who]()
    client.force_login(intruder)

    opened = client.get(reverse("notifications:open", args=[row.pk]))
    marked = client.post(reverse("notifications:read", args=[row.pk]))
    client.post(reverse("notifications:read-all"))
    listed = client.get(reverse("notifications:list")).content.decode()

    assert (opened.status_code, marked.status_code) == (404, 404)
    assert "Galuh Sanggam" not in listed
    row.refresh_from_db()
    assert row.read_at is None


@pytest.mark.parametrize(
    ("name", "args"),
    [("notifications:list", []), ("notifications:open", [1]), ("notifications:reminder-index", []),
     ("notifications:reminder-period", [1])],
)  # fmt: skip
def test_anonymous_is_sent_to_sign_in(client, name, args):
    response = client.get(reverse(name, args=args))

    assert response.status_code == 302
    assert response.url.startswith("/akun/login/?next=")
