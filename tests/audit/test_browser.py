"""In Chromium, desktop and phone: an auditor signs in, filters the trail and opens an event."""

from __future__ import annotations

import pytest

from balai.audit.services import audit_record
from tests.fixtures import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.urls("tests.audit.urls")]


@pytest.fixture
def trail(make_staff):
    make_staff("auditor", region="35.10", username="auditor", full_name="Ratna Auditor")
    for i in range(3):
        audit_record(
            actor=None,
            action="cases.verify",
            region_code="35.10.05.2001",
            object_type="cases.case",
            object_id=str(i),
            after={"catatan": f"berkas {i}"},
        )
    audit_record(actor=None, action="catalog.loaded", region_code="35.10")
    return audit_record(actor=None, action="cases.submit", region_code="35.09.01.2001")


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_auditor_filters_and_opens_an_event(request, transactional_db, trail, screenshot, viewport):
    # transactional_db first: the live server thread must see the rows the fixtures wrote.
    page = request.getfixturevalue(viewport)
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("auditor")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/")
    page.goto("/audit/")
    rows = page.locator("table.audit-events tbody tr")
    assert rows.count() == 4  # Jember's event is not in this auditor's scope
    page.get_by_label("Tindakan").fill("cases.")
    page.get_by_role("button", name="Saring").click()
    page.wait_for_url("**/audit/?*")
    assert rows.count() == 3
    screenshot(page, f"audit-list-{viewport}")
    # Nothing may push the page wider than the screen on a phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]
    rows.first.get_by_role("link").click()
    page.wait_for_url("**/audit/*/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Peristiwa audit 35.10#")
    assert "berkas" in page.locator("pre.audit-json").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    screenshot(page, f"audit-event-{viewport}")
