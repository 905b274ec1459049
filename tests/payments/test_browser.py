"""In a real browser at the MPP counter: a service with a fee, originals seen, a scan
uploaded, cash taken, the payment receipt printed."""

from __future__ import annotations

import pytest
from django.test import Client

from balai.catalog.models import ServicePoint
from balai.payments.models import Bill
from tests.cases.files import image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_mpp_counter_fee_files_and_cash(
    catalog, page, live_server, make_staff, make_resident, screenshot, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    loket = make_staff(
        "petugas_loket", service_point=ServicePoint.objects.get(code="mpp-banyuwangi")
    )
    citizen = make_resident(name="Rahmat Hidayat")
    _sign_in(page, live_server, loket)
    page.goto("/permohonan/loket/")
    page.fill("#id_cari", citizen.nik)
    page.click("button:has-text('Cari')")
    page.click("a.choose-resident")
    page.fill("#id_cari_layanan", "pajak kendaraan")
    page.click("#service-list a[data-service='pajak-kendaraan-tahunan']")
    assert "Rp250000" in page.inner_text(".counter-fee")
    page.check("input[name=ditunjukkan][value=stnk]")
    screenshot(page, "cases-counter-fee")
    page.click("text=Ajukan dan cetak tanda terima")
    bill = Bill.objects.get()
    assert bill.reference in page.inner_text("body")

    page.click("text=Kembali")
    scan = tmp_path / "bukti-kepemilikan.jpg"
    scan.write_bytes(image_bytes("JPEG", size=(3000, 2000)))
    page.set_input_files("#id_berkas", str(scan))
    page.click("form.case-attach button")
    assert "Lampiran tersimpan." in page.inner_text(".messages")
    assert "bukti-kepemilikan.jpg" in page.inner_text("ul.attachments")
    assert "Ditunjukkan di loket" in page.inner_text("ul.requirements")
    screenshot(page, "cases-detail-bill-files")

    page.click("form.bill-cash button")
    assert "Pembayaran tunai tercatat." in page.inner_text(".messages")
    assert "Lunas" in page.inner_text(".bill-status")
    page.click(f"text=KW-{bill.reference}")
    assert "Kuitansi pembayaran" in page.inner_text("h1")
    screenshot(page, "payments-receipt")
