"""The regent opens the regency dashboard on a phone; a village operator opens their village."""

from __future__ import annotations

import pytest

from tests.fixtures import PASSWORD, VILLAGE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PERIOD = "?mulai=2026-01-01&sampai=2026-03-20&tren=week"


def _sign_in(page, user) -> None:
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(user.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/")


def test_regency_and_village_dashboards_on_a_phone(
    phone_page, screenshot, generate, make_staff
) -> None:
    generate(n=600, seed=21)
    bupati = make_staff("pimpinan", region="35.10")
    _sign_in(phone_page, bupati)
    phone_page.goto("/dasbor/")
    phone_page.wait_for_url("**/dasbor/kabupaten/35.10/")
    phone_page.goto(f"/dasbor/kabupaten/35.10/{PERIOD}")
    phone_page.get_by_role("heading", name="Peringkat desa").wait_for()
    # Charts are labelled images and fit the phone; nothing scrolls the page sideways.
    chart = phone_page.get_by_role("img", name="Peringkat desa menurut kepatuhan SLA")
    assert chart.bounding_box()["width"] <= 390
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert int(phone_page.locator("#fig-received").inner_text()) > 0
    screenshot(phone_page, "insights-regency-phone")

    phone_page.context.clear_cookies()
    operator = make_staff("operator_desa", region=VILLAGE)
    _sign_in(phone_page, operator)
    phone_page.goto(f"/dasbor/desa/{VILLAGE}/{PERIOD}")
    phone_page.get_by_role("heading", name="Per layanan: janji dan waktu nyata").wait_for()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone_page.locator("#ranking-table").count() == 0  # a village ranks no villages
    screenshot(phone_page, "insights-village-phone")
    # The regency is out of the operator's scope.
    response = phone_page.goto(f"/dasbor/kabupaten/35.10/{PERIOD}")
    assert response.status == 404
