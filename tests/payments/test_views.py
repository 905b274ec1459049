"""The bill panel of the case page, cash and waiver forms, the payment receipt, and files."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from balai.cases.models import CaseAttachment
from balai.payments.models import Bill
from tests.cases.files import pdf_bytes

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_case_page_shows_the_bill_and_the_counter_takes_cash(submit_fee, fee_setup):
    case = submit_fee()
    loket = _client(fee_setup.loket)
    page = loket.get(f"/permohonan/{case.pk}/").content.decode()
    assert case.bill.reference in page and "Rp50000" in page
    assert "Catat pembayaran tunai" in page and "Bebaskan biaya" not in page
    wrong = loket.post(f"/pembayaran/permohonan/{case.pk}/tunai/", {"jumlah": "40000"}, follow=True)
    assert "tidak sama dengan tagihan" in wrong.content.decode()
    assert Bill.objects.get(pk=case.bill.pk).status == "open"
    loket.post(f"/pembayaran/permohonan/{case.pk}/tunai/", {"jumlah": "50.000"})
    assert Bill.objects.get(pk=case.bill.pk).status == "paid"
    receipt = loket.get(f"/pembayaran/permohonan/{case.pk}/kuitansi/?kertas=80mm").content.decode()
    assert f"KW-{case.bill.reference}" in receipt and "Rp50000" in receipt


def test_the_officer_waives_with_a_reason(submit_fee, fee_setup):
    case = submit_fee()
    officer = _client(fee_setup.officer)
    assert "Bebaskan biaya" in officer.get(f"/permohonan/{case.pk}/").content.decode()
    short = officer.post(f"/pembayaran/permohonan/{case.pk}/bebas/", {"alasan": "ok"}, follow=True)
    assert "paling sedikit 10 karakter" in short.content.decode()
    officer.post(
        f"/pembayaran/permohonan/{case.pk}/bebas/", {"alasan": "Korban bencana banjir, surat desa"}
    )
    bill = Bill.objects.get(pk=case.bill.pk)
    assert (bill.status, bill.waiver_reason) == ("waived", "Korban bencana banjir, surat desa")


def test_someone_out_of_scope_gets_nothing(submit_fee, fee_setup, make_staff, make_service_point):
    case = submit_fee()
    stranger = _client(make_staff("petugas_loket", service_point=make_service_point("mpp-jember")))
    assert (
        stranger.post(f"/pembayaran/permohonan/{case.pk}/tunai/", {"jumlah": "50000"}).status_code
        == 404
    )
    assert stranger.get(f"/permohonan/{case.pk}/").status_code == 404
    assert Bill.objects.get(pk=case.bill.pk).status == "open"


def test_files_on_the_case_page(submit_fee, fee_setup, make_staff, make_service_point):
    case = submit_fee()
    loket = _client(fee_setup.loket)
    data = pdf_bytes()
    upload = io.BytesIO(data)
    upload.name = "surat kuasa.pdf"
    loket.post(f"/permohonan/{case.pk}/lampiran/", {"persyaratan": "kuasa", "berkas": upload})
    row = CaseAttachment.objects.get(case=case)
    assert case.requirements.get(code="kuasa").status == "uploaded"
    page = loket.get(f"/permohonan/{case.pk}/").content.decode()
    assert "surat kuasa.pdf" in page
    got = loket.get(f"/permohonan/{case.pk}/lampiran/{row.pk}/")
    assert b"".join(got.streaming_content) == data and got["X-Content-Type-Options"] == "nosniff"
    bad = io.BytesIO(b"MZ\x90 not a scan")
    bad.name = "scan.pdf"
    refused = loket.post(f"/permohonan/{case.pk}/lampiran/", {"berkas": bad}, follow=True)
    assert "PDF, JPEG atau PNG" in refused.content.decode()
    assert CaseAttachment.objects.filter(case=case).count() == 1
    loket.post(f"/permohonan/{case.pk}/persyaratan/ditunjukkan/", {"kode": "sertipikat"})
    assert case.requirements.get(code="sertipikat").status == "shown"
    stranger = _client(make_staff("petugas_loket", service_point=make_service_point("mpp-jember")))
    assert stranger.get(f"/permohonan/{case.pk}/lampiran/{row.pk}/").status_code == 404
