"""The report form in a real browser: the map picks the point (with no map tiles, as on an
offline intranet), rows of impact measures are added, bad numbers are explained."""

import pytest

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import PASSWORD, person
from inovda.core.tests.test_browser import SCREENSHOTS, browser  # noqa: F401
from inovda.innovations.models import ImpactMeasure, Report
from inovda.innovations.tests.browser import fill_innovation_identity
from inovda.innovations.tests.factories import DESIGN, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _page(chromium, live_server, user, width):
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="id-ID")
    page = context.new_page()
    # No map tiles, as on a Pemda intranet without internet: the form must still work.
    page.route("**/*.tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(f"{live_server.url}/akun/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("[data-testid=login-submit]")
    return context, page


def _submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


@pytest.mark.parametrize("width", [1280, 390])
def test_operator_picks_the_location_on_the_map_and_adds_impact_rows(
    live_server,
    browser,  # noqa: F811
    width,
):
    world = make_world()
    operator = person(Role.UNIT_OPERATOR, unit=world["disdukcapil"])
    context, page = _page(browser, live_server, operator, width)
    page.goto(f"{live_server.url}/inovasi/periode/{world['period'].pk}/daftar/")

    page.click("[data-testid=location-map]")  # the middle of Indonesia's map
    latitude, longitude = page.input_value("#id_latitude"), page.input_value("#id_longitude")
    fill_innovation_identity(
        page, name="Galuh Sanggam", kind="digital", implemented_on="2024-03-01", design=DESIGN
    )
    page.check("input[name=asta_cita][value='7']")
    page.fill("input[name=budget_amount]", "satu juta")
    page.fill("input[name=impact-0-name]", "Indeks Kepuasan Masyarakat")
    page.fill("input[name=impact-0-measure_unit]", "poin")
    page.fill("input[name=impact-0-value_before]", "76,5")
    page.fill("input[name=impact-0-value_after]", "86,25")
    _submit(page, "[data-testid=add-impact-row]")
    rows_after_adding = page.locator("[data-testid=impact-row]").count()
    page.fill("input[name=impact-1-name]", "Waktu layanan")
    page.fill("input[name=impact-1-measure_unit]", "hari")
    page.fill("input[name=impact-1-value_before]", "7")
    page.fill("input[name=impact-1-value_after]", "1")
    _submit(page, "[data-testid=save-report]")
    budget_error = page.inner_text("#id_budget_amount_error")
    page.locator("[data-testid=location-map]").scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / f"report-form-errors-{width}.png", full_page=True)
    page.fill("input[name=budget_amount]", "1.500.000,50")
    _submit(page, "[data-testid=save-report]")
    page.screenshot(path=SCREENSHOTS / f"report-form-{width}.png", full_page=True)
    offline_note = page.is_visible("#map-offline")
    context.close()

    saved = Report.objects.get()
    assert -11.5 < float(latitude) < 6.5 and 94.5 < float(longitude) < 141.5
    assert (str(saved.latitude), str(saved.longitude)) == (latitude, longitude)
    assert rows_after_adding == 2
    assert budget_error == (
        "“satu juta” bukan angka. Tulis dengan angka, mis. 1.000.000 atau 1.500.000,50."
    )
    assert str(saved.budget_amount) == "1500000.50"
    assert saved.asta_cita == ["7"]
    assert [m.name for m in ImpactMeasure.objects.filter(report=saved)] == [
        "Indeks Kepuasan Masyarakat",
        "Waktu layanan",
    ]
    assert offline_note is True
