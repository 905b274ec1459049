"""The public verification page and API: facts without a login, revoked shown as revoked."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from balai.accounts.roles import Role
from balai.audit.models import AuditEvent
from balai.cases.choices import Channel
from balai.cases.services import case_submit
from balai.catalog.models import Service
from balai.citizens.services import pin_set
from balai.citizens.session import SESSION_KEY
from balai.documents.services import document_issue, document_revoke
from tests.fixtures import OTHER_VILLAGE, VILLAGE

PIN = "582914"


@pytest.fixture
def issued(letter_type, resident):
    return document_issue(actor=None, document_type=letter_type, resident=resident)


def test_code_shows_the_facts_and_never_the_full_nik(client, issued, resident):
    page = client.get("/dokumen/verifikasi/", {"kode": issued.seal_code})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Dokumen sah" in html and issued.number in html and "Siti Aminah" not in html
    assert "S*** A*****" in html and "Surat Keterangan Domisili" in html
    assert "Kepala Desa Sumberberas" in html and "Sumberberas" in html
    assert issued.holder_nik_masked in html and resident.nik not in html
    assert "no-store" in page["Cache-Control"]
    # Holding the paper is not holding the file: no link, and the file is refused.
    assert 'data-testid="pdf-link"' not in html
    pdf = client.get("/dokumen/verifikasi/berkas/", {"kode": issued.seal_code})
    assert pdf.status_code == 404
    assert not AuditEvent.objects.filter(action="documents.file_read").exists()


def test_staff_in_scope_and_the_signed_in_holder_download_audited(
    client, issued, resident, make_staff
):
    client.force_login(make_staff(Role.OPERATOR_DESA, region=VILLAGE))
    html = client.get("/dokumen/verifikasi/", {"kode": issued.seal_code}).content.decode()
    assert 'data-testid="pdf-link"' in html
    pdf = client.get("/dokumen/verifikasi/berkas/", {"kode": issued.seal_code})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "no-store" in pdf["Cache-Control"]
    client.force_login(make_staff(Role.OPERATOR_DESA, region=OTHER_VILLAGE))
    assert client.get("/dokumen/verifikasi/berkas/", {"kode": issued.seal_code}).status_code == 404
    client.logout()

    session = client.session
    session[SESSION_KEY] = {
        "id": resident.pk,
        "regency": resident.regency_code,
        "channel": "online",
        "at": "2026-06-04T00:00:00+00:00",
    }
    session.save()
    html = client.get("/dokumen/verifikasi/", {"kode": issued.seal_code}).content.decode()
    assert 'data-testid="pdf-link"' in html
    pdf = client.get("/dokumen/verifikasi/berkas/", {"kode": issued.seal_code})
    assert pdf.status_code == 200
    reads = list(AuditEvent.objects.filter(action="documents.file_read").order_by("pk"))
    assert [event.after["via"] for event in reads] == ["staff", "holder"]
    assert reads[1].after["holder"] == resident.pk


def test_another_resident_signed_in_gets_no_file(client, issued, make_resident):
    other = make_resident(name="Budi")
    session = client.session
    session[SESSION_KEY] = {
        "id": other.pk,
        "regency": other.regency_code,
        "channel": "online",
        "at": "2026-06-04T00:00:00+00:00",
    }
    session.save()
    assert client.get("/dokumen/verifikasi/berkas/", {"kode": issued.seal_code}).status_code == 404


@pytest.fixture
def case_document(letter_type, resident, make_staff):
    call_command("load-catalog", verbosity=0)
    operator = make_staff(Role.OPERATOR_DESA, region=VILLAGE)
    pin_set(actor=operator, resident=resident, pin=PIN)
    case = case_submit(
        actor=operator,
        service=Service.objects.get(code="surat-keterangan-usaha"),
        applicant=resident,
        channel=Channel.VILLAGE_COUNTER,
        form_data={
            "nik_pemohon": resident.nik,
            "nama_usaha": "Warung Bu Siti",
            "jenis_usaha": "Warung makan",
            "mulai_usaha": "2021-06-04",
            "keperluan": "Pengajuan kredit usaha",
        },
    )
    return document_issue(actor=None, document_type=letter_type, resident=resident, case=case)


def test_the_holder_downloads_with_tracking_code_and_pin(client, case_document):
    code, tracking = case_document.seal_code, case_document.case.tracking_code
    html = client.get("/dokumen/verifikasi/", {"kode": code}).content.decode()
    assert 'data-testid="pin-form"' in html and 'data-testid="pdf-link"' not in html
    url = "/dokumen/verifikasi/berkas/"
    wrong = client.post(url, {"kode": code, "permohonan": tracking, "pin": "000000"})
    assert wrong.status_code == 403 and "application/pdf" not in wrong["Content-Type"]
    other_case = client.post(url, {"kode": code, "permohonan": "ABCD-EFGH", "pin": PIN})
    assert other_case.status_code == 403
    pdf = client.post(url, {"kode": code, "permohonan": tracking.lower(), "pin": PIN})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "no-store" in pdf["Cache-Control"]
    read = AuditEvent.objects.get(action="documents.file_read")
    assert read.after["via"] == "tracking_pin"

    document_revoke(actor=None, document=case_document, reason="Salah data")
    refused = client.post(url, {"kode": code, "permohonan": tracking, "pin": PIN})
    assert refused.status_code == 403
    html = client.get("/dokumen/verifikasi/", {"kode": code}).content.decode()
    assert 'data-testid="pin-form"' not in html and "DICABUT" in html


def test_a_forged_code_is_refused_and_opens_no_file(client, issued):
    forged = issued.seal_code[:-3] + ("AAA" if not issued.seal_code.endswith("AAA") else "BBB")
    page = client.get("/dokumen/verifikasi/", {"kode": forged})
    assert "Kode tidak sah" in page.content.decode()
    assert client.get("/dokumen/verifikasi/berkas/", {"kode": forged}).status_code == 404


def test_uploaded_pdf_and_revocation(client, issued, make_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with issued.file.open("rb") as f:
        data = f.read()
    page = client.post("/dokumen/verifikasi/", {"berkas": SimpleUploadedFile("s.pdf", data)})
    assert "Dokumen sah" in page.content.decode()
    head = make_staff(Role.KEPALA_DESA, region=VILLAGE)
    document_revoke(actor=head, document=issued, reason="Dicabut atas permintaan")
    page = client.post("/dokumen/verifikasi/", {"berkas": SimpleUploadedFile("s.pdf", data)})
    assert "DICABUT" in page.content.decode() and "Dicabut atas permintaan" in page.content.decode()
    by_code = client.get("/dokumen/verifikasi/", {"kode": issued.seal_code}).content.decode()
    assert "DICABUT" in by_code
    # Only staff in scope still open a revoked document's file.
    assert client.get("/dokumen/verifikasi/berkas/", {"kode": issued.seal_code}).status_code == 404
    client.force_login(head)
    assert client.get("/dokumen/verifikasi/berkas/", {"kode": issued.seal_code}).status_code == 200


def test_api_types_and_verify(client, issued):
    types = client.get("/api/v1/documents/types").json()
    assert {"code": "sk-domisili", "name": "Surat Keterangan Domisili"} in types
    found = client.get("/api/v1/documents/verify", {"code": issued.seal_code}).json()
    assert found["valid"] is True and found["number"] == issued.number
    assert found["holder_name_masked"] == "S*** A*****" and "holder_name" not in found
    assert found["signers"] == ["Kepala Desa Sumberberas"]
    missing = client.get("/api/v1/documents/verify", {"code": "bukan.kode"})
    assert missing.status_code == 404 and missing.json()["code"] == "seal_invalid"
