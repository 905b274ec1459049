"""Assisted intake in a real browser, by keyboard only: NIK, Enter, the form, Enter."""

from __future__ import annotations

import pytest

from balai.licensing.models import BusinessRegistration
from tests.fixtures import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_keyboard_intake_registers_a_business(
    page, live_server, officer, event, make_resident, kbli, screenshot
):
    resident = make_resident(name="Siti Aminah", sex="P", address="Dusun Krajan RT 003")
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(officer.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/")
    page.goto(f"/jemput-bola/{event.pk}/daftar/")
    # The NIK field has the focus when the screen opens.
    page.keyboard.type(resident.nik)
    page.keyboard.press("Enter")
    page.wait_for_selector("#owner")
    assert "Siti Aminah" in page.inner_text("#owner")
    page.fill("input[name=nama_usaha]", "Kerupuk Bu Siti")
    page.fill("input[name=kbli]", "10794")
    page.fill("input[name=modal]", "25000000")
    page.fill("input[name=tenaga_kerja]", "3")
    screenshot(page, "outreach-intake")
    page.press("input[name=tenaga_kerja]", "Enter")
    page.wait_for_selector(".messages")
    assert "Kerupuk Bu Siti" in page.inner_text(".messages")
    assert page.evaluate("document.activeElement.name") == "nik"
    registration = BusinessRegistration.objects.get()
    assert registration.owner_id == resident.pk and registration.address == "Dusun Krajan RT 003"
