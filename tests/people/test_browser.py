"""In Chromium: sign in through the form, find a resident, open the record and the family."""

from __future__ import annotations

import datetime as dt

import pytest

from balai.people.models import Family
from tests.fixtures import PASSWORD, VILLAGE

pytestmark = pytest.mark.browser


@pytest.fixture
def register(make_staff, make_resident, regions):
    make_staff("operator_desa", region=VILLAGE, username="sri", full_name="Sri Wahyuni")
    family = Family.objects.create(
        regency_code="35.10",
        kk_number="3510052003150007",
        village_id=VILLAGE,
        address="Jl. Raya Muncar 12",
        dusun="Krajan",
        rt="001",
        rw="002",
    )
    head = make_resident(name="Hasan Basri", family=family, relationship="kepala_keluarga")
    make_resident(
        name="Siti Aminah",
        family=family,
        relationship="istri",
        sex="P",
        birth_date=dt.date(1988, 3, 9),
    )
    make_resident(
        name="Rina Hasanah",
        family=family,
        relationship="anak",
        sex="P",
        birth_date=dt.date(2012, 8, 17),
        occupation="Pelajar",
    )
    for n, name in enumerate(["Ahmad Fauzi", "Dewi Lestari", "Joko Susilo", "Wahyu Hidayat"]):
        make_resident(name=name, occupation="Petani" if n % 2 else "Nelayan")
    return head


def _masked(nik: str) -> str:
    return nik[:4] + "*" * 8 + nik[-4:]


def _login(page, screenshot=None):
    page.goto("/akun/masuk/")
    if screenshot:
        screenshot(page, "login")
    page.get_by_label("Nama pengguna").fill("sri")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/")


def test_staff_finds_a_resident_and_the_family(page, register, screenshot):
    head = register
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("sri")
    page.get_by_label("Kata sandi").fill("salah")
    page.get_by_role("button", name="Masuk").click()
    assert page.get_by_role("alert").inner_text() == "Nama pengguna atau kata sandi salah."

    _login(page, screenshot)
    assert "Operator desa/kelurahan" in page.locator(".scope").inner_text()

    page.get_by_role("link", name="Penduduk").first.click()
    page.get_by_label("NIK, nomor KK atau nama").fill("hasan basri")
    page.get_by_role("button", name="Cari").click()
    rows = page.locator("table.residents tbody tr")
    assert rows.count() == 1
    assert rows.first.locator(".nik").inner_text() == _masked(head.nik)
    assert head.nik not in page.content()

    page.get_by_label("NIK, nomor KK atau nama").fill("")
    page.get_by_role("button", name="Cari").click()
    screenshot(page, "resident-search")

    page.get_by_label("NIK, nomor KK atau nama").fill(head.nik)
    page.get_by_role("button", name="Cari").click()
    assert rows.count() == 1
    rows.first.get_by_role("link", name="Hasan Basri").click()
    assert page.locator(".nik-full").inner_text() == head.nik
    screenshot(page, "resident-detail")

    page.get_by_role("link", name="Lihat keluarga").click()
    names = page.locator("table.members tbody tr td:first-child").all_inner_texts()
    assert names == ["Hasan Basri", "Siti Aminah", "Rina Hasanah"]
    screenshot(page, "family")

    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")


def test_search_on_a_phone(phone_page, register, screenshot):
    head = register
    _login(phone_page)
    phone_page.goto("/penduduk/?q=hasan")
    row = phone_page.locator("table.residents tbody tr").first
    assert _masked(head.nik) in row.inner_text()
    # The table folds into cards: nothing wider than the screen.
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    phone_page.goto("/penduduk/")
    screenshot(phone_page, "resident-search-phone")
