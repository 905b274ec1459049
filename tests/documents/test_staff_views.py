"""Staff pages: scoped lists with masked NIKs and a pinned query count, audited file reads,
revoking by the signer only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balai.accounts.roles import Role
from balai.audit.models import AuditEvent
from balai.documents.choices import DocumentStatus
from balai.documents.services import document_issue
from tests.fixtures import OTHER_DISTRICT_VILLAGE, VILLAGE


@pytest.fixture
def two_offices(letter_type, make_resident):
    here = [make_resident(name=f"Warga Sini {i}") for i in range(2)]
    there = make_resident(village=OTHER_DISTRICT_VILLAGE, name="Warga Sana")
    issued = [document_issue(actor=None, document_type=letter_type, resident=r) for r in here]
    other = document_issue(actor=None, document_type=letter_type, resident=there)
    return issued, other


def test_list_shows_only_the_office_and_masks_nik(client, two_offices, make_staff):
    issued, other = two_offices
    client.force_login(make_staff(Role.KEPALA_DESA, region=VILLAGE))
    html = client.get("/dokumen/").content.decode()
    for document in issued:
        assert document.number in html and document.holder_nik_masked in html
        assert document.holder.nik not in html
    assert "Warga Sana" not in html
    assert client.get(f"/dokumen/{other.pk}/").status_code == 404
    assert client.get(f"/dokumen/{other.pk}/berkas/").status_code == 404


def test_list_query_count_does_not_grow_with_rows(client, two_offices, make_staff, letter_type):
    client.force_login(make_staff(Role.KEPALA_DESA, region=VILLAGE))
    client.get("/dokumen/")
    with CaptureQueriesContext(connection) as before:
        client.get("/dokumen/")
    holder = two_offices[0][0].holder
    for _ in range(2):
        document_issue(actor=None, document_type=letter_type, resident=holder)
    with CaptureQueriesContext(connection) as after:
        client.get("/dokumen/")
    assert len(after) == len(before)


def test_roles_without_documents_view_get_403(client, make_staff, make_service_point):
    counter = make_staff(Role.PETUGAS_LOKET, service_point=make_service_point())
    client.force_login(counter)
    assert client.get("/dokumen/").status_code == 403
    client.logout()
    assert client.get("/dokumen/").status_code == 302  # sign in first


def test_file_read_is_audited_and_revoke_is_the_signers(client, two_offices, make_staff):
    document = two_offices[0][0]
    operator = make_staff(Role.OPERATOR_DESA, region=VILLAGE)
    client.force_login(operator)
    response = client.get(f"/dokumen/{document.pk}/berkas/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        action="documents.file_read", object_id=str(document.pk), actor=operator
    ).exists()
    assert client.post(f"/dokumen/{document.pk}/cabut/", {"alasan": "x"}).status_code == 403
    client.force_login(make_staff(Role.KEPALA_DESA, region=VILLAGE))
    page = client.post(f"/dokumen/{document.pk}/cabut/", {"alasan": ""}, follow=True)
    assert "Alasan pencabutan wajib diisi." in page.content.decode()
    client.post(f"/dokumen/{document.pk}/cabut/", {"alasan": "Nama salah"})
    document.refresh_from_db()
    assert document.status == DocumentStatus.REVOKED and document.revoke_reason == "Nama salah"
