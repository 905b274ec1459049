"""In a real browser: the operator takes an application at the counter, the kepala desa
approves on a phone-sized window, the citizen follows it on the tracking page."""

import datetime as dt

import pytest
from django.test import Client

from tests.fixtures import VILLAGE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_counter_to_phone_approval_to_public_tracking(
    catalog, page, phone_page, chromium, live_server, make_staff, make_resident, screenshot
):
    operator = make_staff("operator_desa", region=VILLAGE)
    kades = make_staff("kepala_desa", region=VILLAGE, full_name="Kepala Desa Sumberberas")
    applicant = make_resident(name="Sri Wahyuni", sex="P", birth_date=dt.date(1990, 7, 12))

    # The operator at the village counter.
    _sign_in(page, live_server, operator)
    page.goto("/permohonan/loket/")
    page.fill("#id_nik", applicant.nik)
    page.select_option("#id_layanan", "sk-ahli-waris")
    page.click("text=Cari dan isi otomatis")
    assert page.inner_text(".prefill-name") == "Sri Wahyuni"
    screenshot(page, "cases-counter")
    page.click("text=Ajukan dan cetak tanda terima")
    code = page.inner_text(".receipt-code").strip()
    assert len(code) == 9 and code[4] == "-"
    screenshot(page, "cases-receipt-a4")
    page.click("text=Kembali")
    page.click("button.act-verify")
    assert "Menunggu tanda tangan kepala desa" in page.inner_text(".case-stage")

    # The kepala desa on a phone.
    _sign_in(phone_page, live_server, kades)
    phone_page.goto("/permohonan/kotak-masuk/")
    phone_page.click(f"text={code}")
    screenshot(phone_page, "cases-approve-phone")
    button = phone_page.locator("button.act-endorse")
    box = button.bounding_box()
    assert box is not None and box["width"] <= 390 and box["height"] >= 44
    button.click()
    # Passed on to the kecamatan: back to an inbox that no longer holds it.
    phone_page.wait_for_url("**/permohonan/kotak-masuk/")
    assert "Tindakan tersimpan." in phone_page.inner_text(".messages")
    assert code not in phone_page.inner_text("main")

    # The citizen, signed in nowhere, on their own phone.
    citizen = chromium.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="id-ID"
    )
    try:
        track = citizen.new_page()
        track.goto("/permohonan/lacak/")
        track.fill("#id_kode", code.lower())
        track.click("form.track-form button")
        result = track.inner_text(".track-result")
        assert "Menunggu persetujuan camat" in result and "Kecamatan" in result
        assert "Sri Wahyuni" not in track.content() and applicant.nik not in track.content()
        screenshot(track, "cases-tracking")
    finally:
        citizen.close()
