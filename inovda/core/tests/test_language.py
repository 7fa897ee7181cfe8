"""Indonesian first, whatever the browser asks; English when the person chooses it."""

from django.urls import reverse


def test_login_page_is_indonesian_even_for_an_english_browser(client, db):
    page = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert "Masuk ke inovda" in page.content.decode()
    assert page["Content-Language"] == "id"


def test_choosing_english_switches_the_interface(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/akun/login/"})

    page = client.get(reverse("account_login"))

    assert page["Content-Language"] == "en"
    assert "Sign in to inovda" in page.content.decode()
