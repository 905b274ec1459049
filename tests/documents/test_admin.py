"""The admin's preview follows unsaved edits and is closed to those who may not manage types."""

from __future__ import annotations

import pypdfium2

from balai.accounts.roles import Role
from tests.fixtures import VILLAGE


def test_preview_renders_the_unsaved_text(client, letter_type, make_staff, village):
    admin_user = make_staff(Role.ADMIN_KABUPATEN, region="35.10", is_staff=True)
    client.force_login(admin_user)
    url = f"/admin/documents/documenttype/{letter_type.pk}/pratinjau/"
    response = client.get(url, {"body": "Teks baru untuk {wilayah}.", "page_size": "f4"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    page = pypdfium2.PdfDocument(response.content)[0]
    text = page.get_textpage().get_text_range()
    assert "Teks baru untuk Desa Sumberberas." in text
    assert round(page.get_size()[1] / 72 * 25.4) == 330
    letter_type.refresh_from_db()
    assert "Teks baru" not in letter_type.body  # a preview saves nothing
    page_html = client.get(f"/admin/documents/documenttype/{letter_type.pk}/change/")
    assert url in page_html.content.decode()


def test_preview_is_refused_without_documents_manage(client, letter_type, make_staff):
    auditor = make_staff(Role.AUDITOR, region="35.10", is_staff=True)
    client.force_login(auditor)
    response = client.get(f"/admin/documents/documenttype/{letter_type.pk}/pratinjau/")
    assert response.status_code == 403
    head = make_staff(Role.KEPALA_DESA, region=VILLAGE)
    client.force_login(head)
    response = client.get(f"/admin/documents/documenttype/{letter_type.pk}/pratinjau/")
    assert response.status_code in (302, 403)
