"""A citizen on a phone checks a letter: by typing the code, and by uploading the PDF."""

from __future__ import annotations

import pytest

from balai.documents.services import document_issue, document_revoke

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_verify_on_a_phone_by_code_and_by_file(
    phone_page, letter_type, resident, tmp_path, screenshot
):
    document = document_issue(actor=None, document_type=letter_type, resident=resident)
    pdf = tmp_path / "surat.pdf"
    with document.file.open("rb") as f:
        pdf.write_bytes(f.read())

    phone_page.goto("/dokumen/verifikasi/")
    phone_page.fill("#kode", document.seal_code)
    phone_page.get_by_role("button", name="Periksa kode").click()
    result = phone_page.get_by_test_id("result")
    assert "Dokumen sah" in result.inner_text()
    assert phone_page.get_by_test_id("number").inner_text() == document.number
    assert resident.nik not in phone_page.content()
    assert phone_page.get_by_test_id("name").inner_text() == "S*** A*****"
    assert phone_page.get_by_test_id("pdf-link").count() == 0
    screenshot(phone_page, "documents-verify-phone")

    document_revoke(actor=None, document=document, reason="Diganti surat baru")
    phone_page.set_input_files("#berkas", str(pdf))
    phone_page.get_by_role("button", name="Periksa berkas").click()
    assert "DICABUT" in phone_page.get_by_test_id("result").inner_text()
    assert phone_page.get_by_test_id("status").inner_text() == "Dicabut"
