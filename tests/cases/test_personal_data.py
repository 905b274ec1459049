"""Personal data on the case pages: NIKs in the form's answers are masked for every viewer,
and every download of an attachment is an audit event."""

from __future__ import annotations

import datetime as dt

import pytest

from balai.accounts.services import token_create
from balai.audit.models import AuditEvent
from balai.cases.attachments import Upload
from tests.cases.files import pdf_bytes

pytestmark = pytest.mark.django_db


def test_the_case_page_masks_a_nik_in_the_form_for_every_viewer(
    client, submit_letter, make_resident, make_staff
):
    other = make_resident(name="Pemilik Usaha", birth_date=dt.date(1990, 2, 3))
    case = submit_letter(make_resident())
    # As a licensing case carries it (licensing/services.py fills nik_pemohon).
    type(case).objects.filter(pk=case.pk).update(
        form_data={"keperluan": "Usaha", "nik_pemohon": other.nik}
    )
    for viewer in (case.submitted_by, make_staff("auditor", region="35.10")):
        client.force_login(viewer)
        page = client.get(f"/permohonan/{case.pk}/")
        assert page.status_code == 200
        html = page.content.decode()
        assert other.nik not in html
        assert other.nik[:4] + "********" + other.nik[-4:] in html


def test_each_attachment_download_is_audited(client, submit_letter, make_resident):
    case = submit_letter(make_resident(), attachments=[Upload("ktp.pdf", pdf_bytes(), "kk")])
    row = case.attachments.get()
    client.force_login(case.submitted_by)
    page = client.get(f"/permohonan/{case.pk}/lampiran/{row.pk}/")
    assert page.status_code == 200
    key = token_create(actor=None, user=case.submitted_by, name="t").key
    api = client.get(
        f"/api/v1/cases/{case.pk}/attachments/{row.pk}", headers={"Authorization": f"Bearer {key}"}
    )
    assert api.status_code == 200
    events = AuditEvent.objects.filter(action="cases.attachment_downloaded", object_id=str(row.pk))
    assert events.count() == 2 and {e.actor for e in events} == {case.submitted_by}
