"""The public verification page and API: facts without a login, revoked shown as revoked."""

from __future__ import annotations

import pytest

from balai.accounts.roles import Role
from balai.documents.services import document_issue, document_revoke
from tests.fixtures import VILLAGE


@pytest.fixture
def issued(letter_type, resident):
    return document_issue(actor=None, document_type=letter_type, resident=resident)


def test_code_shows_the_facts_and_never_the_full_nik(client, issued, resident):
    page = client.get("/dokumen/verifikasi/", {"kode": issued.seal_code})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Dokumen sah" in html and issued.number in html and "Siti Aminah" in html
    assert issued.holder_nik_masked in html and resident.nik not in html
    pdf = client.get("/dokumen/verifikasi/berkas/", {"kode": issued.seal_code})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


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


def test_api_types_and_verify(client, issued):
    types = client.get("/api/v1/documents/types").json()
    assert {"code": "sk-domisili", "name": "Surat Keterangan Domisili"} in types
    found = client.get("/api/v1/documents/verify", {"code": issued.seal_code}).json()
    assert found["valid"] is True and found["number"] == issued.number
    missing = client.get("/api/v1/documents/verify", {"code": "bukan.kode"})
    assert missing.status_code == 404 and missing.json()["code"] == "seal_invalid"
