"""In a real browser: a ticket taken at the kiosk, called at a counter console, and on the
display board within one second of the click."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _context(chromium, live_server, width: int, height: int):
    context = chromium.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": height},
        locale="id-ID",
        timezone_id="Asia/Jakarta",
    )
    context.set_default_timeout(10_000)
    return context


def _sign_in(context, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_kiosk_to_counter_to_board(mpp, page, chromium, live_server, screenshot):
    # The board first, as it hangs in the hall all day.
    page.goto("/antrian/papan/mpp-banyuwangi/")
    expect(page.locator("h1")).to_have_text("Mal Pelayanan Publik Banyuwangi")

    kiosk = _context(chromium, live_server, 800, 1000)
    officer = _context(chromium, live_server, 1280, 900)
    manager = _context(chromium, live_server, 1280, 900)
    try:
        take = kiosk.new_page()
        take.goto("/antrian/mpp-banyuwangi/ambil/")
        take.get_by_label("Dispendukcapil").check()
        take.get_by_role("button", name="Ambil nomor").click()
        expect(take.locator("[data-ticket-code]")).to_have_text("A-001")
        expect(take.locator("[data-ahead]")).to_have_text("0 orang")
        screenshot(take, "queue-ticket")

        _sign_in(officer, live_server, mpp.officer)
        console = officer.new_page()
        console.goto(f"/antrian/loket/{mpp.counter1.pk}/")
        console.get_by_role("button", name="Masuk ke loket ini").click()
        call = console.get_by_role("button", name="Panggil", exact=True)
        expect(call).to_be_visible()
        # The board's stream is connected and has drawn the opened counter.
        expect(page.locator("[data-counters] li")).to_have_count(1)

        # The locator's clock starts at the click: on the board within one second of it.
        call.click()
        expect(page.locator("[data-latest-code]")).to_have_text("A-001", timeout=1000)
        expect(page.locator("[data-latest-counter]")).to_have_text("Loket 1")
        expect(console.locator("[data-current]")).to_have_text("A-001")
        screenshot(console, "queue-counter")
        screenshot(page, "queue-board")

        console.get_by_role("button", name="Mulai layani").click()
        console.get_by_role("button", name="Selesai").click()
        expect(call).to_be_visible()

        _sign_in(manager, live_server, mpp.manager)
        today = manager.new_page()
        today.goto("/antrian/mpp-banyuwangi/hari-ini/")
        expect(today.locator("[data-kpi-open]")).to_have_text("1")
        expect(today.locator("main")).to_contain_text("Dispendukcapil")
        screenshot(today, "queue-today")
    finally:
        kiosk.close()
        officer.close()
        manager.close()
