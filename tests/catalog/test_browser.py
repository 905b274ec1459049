"""A citizen browses the shipped catalog on a phone: searches in everyday words, reads what to
bring, filters by life event, opens an agency's maklumat. No login anywhere."""

from __future__ import annotations

import pytest

from balai.catalog.loading import DATA_DIR, catalog_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 390


def _fits_the_phone(page) -> None:
    # Nothing forces sideways scrolling on a phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH


def test_citizen_finds_sktm_and_the_maklumat_on_a_phone(regions, phone_page, screenshot):
    catalog_load(actor=None, directory=DATA_DIR)
    page = phone_page

    page.goto("/layanan/")
    assert page.locator("h1").inner_text() == "Layanan publik"
    assert page.locator(".cat-item").count() == 20  # the first page of the whole catalog
    _fits_the_phone(page)
    screenshot(page, "catalog-home-phone", full_page=False)

    page.fill("#id_q", "surat miskin")
    page.click("button:text-is('Cari')")
    page.wait_for_url("**/layanan/?q=surat+miskin*")
    names = page.locator(".cat-item-name").all_inner_texts()
    assert "Surat Keterangan Tidak Mampu (SKTM)" in names[:3]
    _fits_the_phone(page)
    screenshot(page, "catalog-search-phone", full_page=False)

    page.click("text=Surat Keterangan Tidak Mampu (SKTM)")
    page.wait_for_url("**/layanan/surat-keterangan-tidak-mampu/")
    assert page.locator("h1").inner_text() == "Surat Keterangan Tidak Mampu (SKTM)"
    assert page.locator(".cat-keyfacts .cat-fee").inner_text().startswith("Gratis")
    assert page.locator(".cat-reqs li").count() >= 1
    assert page.locator(".cat-req-held").count() >= 1
    assert "tidak perlu dibawa — data sudah ada di Balai" in page.locator(".cat-reqs").inner_text()
    assert page.locator(".cat-steps li").count() >= 1
    _fits_the_phone(page)
    screenshot(page, "catalog-service-phone")

    # A life event chip on the service page lists that event's services.
    page.click(".cat-tags a.chip >> nth=0")
    page.wait_for_url("**/layanan/?peristiwa=*")
    assert page.locator(".chip-on").count() == 1
    event_names = page.locator(".cat-item-name").all_inner_texts()
    assert event_names
    chosen = page.locator(".chip-on").inner_text()
    assert chosen in {"Bantuan sosial", "Sekolah", "Kesehatan"}

    page.goto("/layanan/instansi/")
    page.click("text=Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi")
    page.click("text=Maklumat Pelayanan")
    page.wait_for_url("**/instansi/dispendukcapil/maklumat/")
    assert "MAKLUMAT PELAYANAN" in page.locator("h1").inner_text()
    pledge = page.locator(".maklumat-pledge").inner_text()
    assert "SANGGUP MENYELENGGARAKAN PELAYANAN" in pledge
    assert "Kepala Dinas Kependudukan" in page.locator(".maklumat-sign").inner_text()
    assert page.locator(".maklumat-sign").inner_text().startswith("Banyuwangi, ")
    page.set_viewport_size({"width": 1024, "height": 1100})
    screenshot(page, "catalog-maklumat", full_page=False)
    # Printed, only the pledge is on paper: no navigation bar, no footer.
    page.emulate_media(media="print")
    assert not page.locator(".topbar").is_visible()
    assert not page.locator(".maklumat-tools").is_visible()
    assert page.locator(".maklumat-pledge").is_visible()
