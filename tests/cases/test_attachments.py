"""Attachments: checked by content, size-limited, stored by hash, images scaled and stripped."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image

from balai.accounts.services import token_create
from balai.audit.models import AuditEvent
from balai.cases.attachments import Upload, case_attach, requirement_mark_shown
from balai.cases.errors import CaseError
from balai.cases.models import Case, CaseAttachment
from balai.cases.services import case_act
from balai.cases.standard import ServiceStandard
from balai.cases.uploads import upload_check
from tests.cases.conftest import LETTER_FORM, LETTER_REQUIREMENTS, VILLAGE_LETTER_CAMAT
from tests.cases.files import image_bytes, pdf_bytes
from tests.fixtures import OTHER_VILLAGE


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


# --- checking by content ----------------------------------------------------------------------
def test_a_pdf_is_kept_as_it_came():
    data = pdf_bytes(2)
    checked = upload_check(data)
    assert (checked.kind, checked.content) == ("pdf", data)
    assert checked.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00 not a pdf at all",
        b"%PDF-1.7\n this is only a header",
        b"\x89PNG\r\n\x1a\n broken",
        b"GIF89a" + b"\x00" * 20,
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    ],
    ids=["exe", "fake-pdf", "broken-png", "gif", "svg"],
)
def test_anything_else_is_refused_by_content(data):
    with pytest.raises(CaseError) as refused:
        upload_check(data)
    assert (refused.value.status, refused.value.code) == (422, "file_type_not_allowed")
    assert "PDF, JPEG atau PNG" in refused.value.message


def test_a_jpeg_named_png_is_judged_by_its_bytes():
    checked = upload_check(image_bytes("JPEG"))
    assert (checked.kind, checked.content_type) == ("jpeg", "image/jpeg")


def test_a_too_large_file_is_refused_in_bahasa_indonesia(settings):
    settings.BALAI_ATTACHMENT_MAX_BYTES = 1000
    with pytest.raises(CaseError) as refused:
        upload_check(pdf_bytes() + b" " * 1000)
    assert (refused.value.status, refused.value.code) == (413, "file_too_large")
    assert "terlalu besar" in refused.value.message


def test_images_are_scaled_upright_and_stripped_of_exif(settings):
    settings.BALAI_ATTACHMENT_MAX_SIDE = 100
    data = image_bytes("JPEG", size=(400, 200), exif=True)
    checked = upload_check(data)
    image = Image.open(io.BytesIO(checked.content))
    # Orientation 6 turns the 400×200 photo upright (200×400), then it is scaled to 100 long.
    assert image.size == (50, 100)
    assert not image.getexif()
    assert checked.original_sha256 == hashlib.sha256(data).hexdigest() != checked.sha256


def test_a_png_stays_a_png():
    checked = upload_check(image_bytes("PNG", size=(30, 30)))
    assert Image.open(io.BytesIO(checked.content)).format == "PNG"


# --- attaching ---------------------------------------------------------------------------------
@pytest.mark.django_db
def test_files_at_intake_satisfy_their_requirement(submit_letter, make_resident, media):
    data = pdf_bytes()
    case = submit_letter(
        make_resident(), attachments=[Upload("../../pengantar rt.pdf", data, "pengantar_rt")]
    )
    row = CaseAttachment.objects.get(case=case)
    assert (row.name, row.requirement_code, row.regency_code) == (
        "pengantar rt.pdf",
        "pengantar_rt",
        "35.10",
    )
    stored = Path(media) / row.path
    assert stored.read_bytes() == data and row.sha256 in stored.name
    assert case.requirements.get(code="pengantar_rt").status == "uploaded"
    submit = AuditEvent.objects.get(action="cases.submit", object_id=str(case.pk))
    assert submit.after["files"] == [row.sha256]


@pytest.mark.django_db
def test_one_bad_file_refuses_the_whole_submission(submit_letter, make_resident, media):
    with pytest.raises(CaseError) as refused:
        submit_letter(
            make_resident(),
            attachments=[
                Upload("kk.pdf", pdf_bytes(), "pengantar_rt"),
                Upload("foto.png", b"MZ not an image", ""),
            ],
        )
    assert refused.value.code == "file_type_not_allowed"
    assert refused.value.details == {"file": "foto.png"}
    assert not Case.objects.exists() and _files(media) == []


@pytest.mark.django_db
def test_a_failed_transaction_leaves_no_file(submit_letter, make_resident, media):
    with pytest.raises(CaseError) as refused:
        submit_letter(make_resident(), attachments=[Upload("x.pdf", pdf_bytes(), "tidak_ada")])
    assert refused.value.code == "unknown_requirement"
    assert not Case.objects.exists() and _files(media) == []


@pytest.mark.django_db
def test_who_may_add_files_later(submit_letter, make_resident, make_staff):
    applicant = make_resident()
    case = submit_letter(applicant)
    rows = case_attach(
        actor=applicant, case=case, uploads=[Upload("a.png", image_bytes("PNG"), "pengantar_rt")]
    )
    assert rows[0].role == "citizen" and rows[0].uploaded_by is None
    stranger = make_staff("operator_desa", region=OTHER_VILLAGE)
    with pytest.raises(CaseError) as refused:
        case_attach(actor=stranger, case=case, uploads=[Upload("b.pdf", pdf_bytes())])
    assert refused.value.status == 404
    neighbour = make_resident(name="Tetangga")
    with pytest.raises(CaseError):
        case_attach(actor=neighbour, case=case, uploads=[Upload("b.pdf", pdf_bytes())])
    assert CaseAttachment.objects.filter(case=case).count() == 1


@pytest.mark.django_db
def test_the_counter_marks_a_requirement_shown(submit_letter, make_resident, make_staff):
    case = submit_letter(make_resident())
    operator = case.submitted_by
    row = requirement_mark_shown(actor=operator, case=case, code="pengantar_rt")
    assert row.status == "shown"
    with pytest.raises(CaseError) as twice:
        requirement_mark_shown(actor=operator, case=case, code="pengantar_rt")
    assert twice.value.code == "requirement_satisfied"
    with pytest.raises(CaseError) as kades:
        requirement_mark_shown(actor=make_staff("auditor", region="35.10"), case=case, code="kk")
    assert kades.value.status in (403, 404)
    assert AuditEvent.objects.filter(action="cases.requirement_shown").count() == 1


@pytest.mark.django_db
def test_shown_at_intake(submit_letter, make_resident):
    case = submit_letter(make_resident(), shown=["pengantar_rt"])
    assert case.requirements.get(code="pengantar_rt").status == "shown"


@pytest.mark.django_db
def test_an_action_requiring_a_file_waits_for_one(submit_letter, make_resident, make_staff):
    definition = {
        **VILLAGE_LETTER_CAMAT,
        "actions": [
            {**a, "attachment_required": True} if a["code"] == "verify" else a
            for a in VILLAGE_LETTER_CAMAT["actions"]
        ],
    }

    standard = ServiceStandard(
        version=1,
        workflow_code="village_letter_camat",
        workflow_version=2,
        workflow_definition=definition,
        sla_amount=3,
        form_fields=LETTER_FORM,
        requirements=LETTER_REQUIREMENTS,
    )
    case = submit_letter(make_resident(), standard=standard)
    operator = case.submitted_by
    with pytest.raises(CaseError) as refused:
        case_act(actor=operator, case=case, action="verify")
    assert refused.value.code == "attachment_required"
    case = case_act(
        actor=operator, case=case, action="verify", attachments=[Upload("cek.pdf", pdf_bytes())]
    )
    row = CaseAttachment.objects.get(case=case)
    assert row.case_action.action == "verify" and row.role == "operator_desa"


@pytest.mark.django_db
def test_the_citizen_resubmits_with_a_corrected_file(submit_letter, make_resident):
    applicant = make_resident()
    case = submit_letter(applicant)
    operator = case.submitted_by
    case = case_act(actor=operator, case=case, action="return", comment="Pengantar RT buram")
    case = case_act(
        actor=applicant,
        case=case,
        action="resubmit",
        attachments=[Upload("pengantar.jpg", image_bytes("JPEG"), "pengantar_rt")],
    )
    assert case.state == "submitted"
    assert case.requirements.get(code="pengantar_rt").status == "uploaded"
    assert CaseAttachment.objects.get(case=case).case_action.action == "resubmit"


# --- the API -----------------------------------------------------------------------------------
def _bearer(user):
    return {"Authorization": f"Bearer {token_create(actor=None, user=user, name='t').key}"}


@pytest.mark.django_db
def test_api_files_download_and_shown(client, submit_letter, make_resident, make_staff):
    case = submit_letter(make_resident())
    headers = _bearer(case.submitted_by)
    data = pdf_bytes()
    response = client.post(
        f"/api/v1/cases/{case.pk}/attachments",
        data={"files": [io.BytesIO(data)], "requirements": ["pengantar_rt"]},
        headers=headers,
    )
    assert response.status_code == 201, response.content
    att = response.json()[0]
    assert att["requirement"] == "pengantar_rt" and att["content_type"] == "application/pdf"
    bad = client.post(
        f"/api/v1/cases/{case.pk}/attachments",
        data={"files": [io.BytesIO(b"MZ nope")]},
        headers=headers,
    )
    assert (bad.status_code, bad.json()["code"]) == (422, "file_type_not_allowed")
    got = client.get(f"/api/v1/cases/{case.pk}/attachments/{att['id']}", headers=headers)
    assert got.status_code == 200 and b"".join(got.streaming_content) == data
    assert got["Content-Disposition"].startswith("attachment")
    stranger = _bearer(make_staff("operator_desa", region=OTHER_VILLAGE))
    denied = client.get(f"/api/v1/cases/{case.pk}/attachments/{att['id']}", headers=stranger)
    assert denied.status_code == 404
    shown = client.post(f"/api/v1/cases/{case.pk}/requirements/kk/shown", headers=headers)
    assert (shown.status_code, shown.json()["code"]) == (409, "requirement_satisfied")
