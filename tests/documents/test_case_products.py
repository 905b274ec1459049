"""A case's workflow issues its product: the village letter signed by the kepala desa, the
letter the camat approves signed by the camat, an agency's product signed by its head. A
missing signing key refuses the action and leaves nothing behind."""

from __future__ import annotations

import pypdfium2
import pytest
from django.core.management import call_command
from django.urls import reverse

from balai.accounts.roles import Role
from balai.audit.models import AuditEvent
from balai.cases.choices import CaseStatus, Channel
from balai.cases.errors import CaseError
from balai.cases.models import CaseAction
from balai.cases.selectors import case_track
from balai.cases.services import case_act, case_submit
from balai.catalog.models import Agency, Service, ServicePoint
from balai.documents.choices import DocumentStatus
from balai.documents.models import Document, OutgoingRegister
from balai.documents.verification import pdf_verify
from balai.payments.models import Bill
from balai.payments.services import bill_pay_cash
from tests.fixtures import PASSWORD, VILLAGE


@pytest.fixture
def catalog(regions):
    call_command("load-catalog", verbosity=0)


def _pdf(document) -> bytes:
    with document.file.open("rb") as f:
        return f.read()


def _text(data: bytes) -> str:
    return " ".join(pypdfium2.PdfDocument(data)[0].get_textpage().get_text_range().split())


@pytest.fixture
def village_staff(make_staff):
    return (
        make_staff(Role.OPERATOR_DESA, region=VILLAGE),
        make_staff(Role.KEPALA_DESA, region=VILLAGE),
    )


def _business_letter(operator, resident):
    return case_submit(
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


def test_a_village_letter_case_issues_a_signed_letter_that_verifies(
    catalog, resident, village_staff, client
):
    operator, kades = village_staff
    case = _business_letter(operator, resident)
    case_act(actor=operator, case=case, action="verify")
    assert not Document.objects.filter(case_id=case.pk).exists()  # not before the last step
    case = case_act(actor=kades, case=case, action="sign")

    assert case.status == CaseStatus.ISSUED
    document = Document.objects.get(case_id=case.pk)
    assert document.office_id == VILLAGE and document.agency_id is None
    assert document.document_type.code == "sku" and document.holder_id == resident.pk
    assert document.signer_key_id == f"official-{VILLAGE}"
    assert document.issued_by_id == kades.pk
    assert "/001/" in document.number
    data = _pdf(document)
    verdict = pdf_verify(data)
    assert verdict["valid"] and verdict["status"] == "issued"
    assert verdict["number"] == document.number
    text = _text(data)
    assert "SURAT KETERANGAN USAHA" in text and "DESA SUMBERBERAS" in text
    assert "Kepala Desa Sumberberas" in text
    # The standard's labels and the answers, dates in Indonesian; the NIK field is not repeated.
    assert "Nama usaha : Warung Bu Siti" in text and "Mulai usaha : 4 Juni 2021" in text
    assert "NIK pemohon" not in text
    code = case.tracking_code
    assert f"{code[:4]}-{code[4:]}" in text
    assert AuditEvent.objects.filter(action="documents.issued", object_id=str(document.pk)).exists()

    # The tracking page says it is ready, and nothing about whose it is.
    status = case_track(code=case.tracking_code)
    assert status.document_ready
    page = client.get(reverse("cases:track"), {"kode": case.tracking_code}).content.decode()
    assert "Dokumen sudah terbit" in page
    assert resident.name not in page and document.number not in page

    # The case page lists it with its file and its verification link.
    client.login(username=operator.username, password=PASSWORD)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    file_url = reverse("documents:case_file", args=[case.pk, document.pk])
    assert document.number in page and file_url in page
    assert reverse("documents:verify") + "?kode=" in page
    assert "Terbitkan ulang" not in page  # the operator may not revoke
    response = client.get(file_url)
    assert b"".join(response.streaming_content) == data
    assert AuditEvent.objects.filter(
        action="documents.file_read", object_id=str(document.pk)
    ).exists()


def test_no_signing_key_refuses_the_action_and_writes_nothing(
    catalog, resident, village_staff, settings, tmp_path
):
    operator, kades = village_staff
    case = _business_letter(operator, resident)
    case_act(actor=operator, case=case, action="verify")
    actions_before = CaseAction.objects.filter(case=case).count()
    audit_before = AuditEvent.objects.count()
    settings.DOCUMENTS_KEY_DIR = tmp_path / "kosong"  # a keystore with no official in it

    with pytest.raises(CaseError) as refused:
        case_act(actor=kades, case=case, action="sign")

    assert refused.value.code == "signer_not_configured" and refused.value.status == 409
    assert "Kepala Desa Sumberberas" in refused.value.message
    case.refresh_from_db()
    assert case.state == "verified" and case.status == CaseStatus.IN_PROCESS
    assert case.closed_at is None
    assert CaseAction.objects.filter(case=case).count() == actions_before
    assert AuditEvent.objects.count() == audit_before
    assert not Document.objects.exists()
    assert not OutgoingRegister.objects.filter(last_serial__gt=0).exists()
    # The key is made on purpose, never by the refused letter.
    assert not (tmp_path / "kosong" / f"official-{VILLAGE}.key.pem").exists()


def test_the_page_says_why_signing_was_refused(
    catalog, resident, village_staff, settings, tmp_path, client
):
    operator, kades = village_staff
    case = _business_letter(operator, resident)
    case_act(actor=operator, case=case, action="verify")
    settings.DOCUMENTS_KEY_DIR = tmp_path / "kosong"
    client.login(username=kades.username, password=PASSWORD)
    response = client.post(
        reverse("cases:act", args=[case.pk]), {"action": "sign", "comment": ""}, follow=True
    )
    assert "Kunci tanda tangan elektronik" in response.content.decode()
    case.refresh_from_db()
    assert case.state == "verified"


def test_the_camat_signs_the_letter_the_camat_approves(
    catalog, resident, village_staff, make_staff, client
):
    operator, kades = village_staff
    camat = make_staff(Role.CAMAT, region="35.10.05")
    case = case_submit(
        actor=operator,
        service=Service.objects.get(code="surat-keterangan-riwayat-tanah"),
        applicant=resident,
        channel=Channel.VILLAGE_COUNTER,
        form_data={"nik_pemohon": resident.nik, "luas_tanah": 500, "nomor_persil": "P-12"},
    )
    case_act(actor=operator, case=case, action="verify")
    case_act(actor=kades, case=case, action="endorse")
    case_act(actor=camat, case=case, action="approve")

    document = Document.objects.get(case_id=case.pk)
    assert document.office_id == "35.10.05" and document.signer_key_id == "official-35.10.05"
    text = _text(_pdf(document))
    assert "KECAMATAN MUNCAR" in text and "Camat Muncar" in text
    assert pdf_verify(_pdf(document))["valid"]
    # The village front desk took the application and prints what the camat signed.
    client.login(username=operator.username, password=PASSWORD)
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 404
    response = client.get(reverse("documents:case_file", args=[case.pk, document.pk]))
    assert response.status_code == 200


def _agency_case(make_staff, resident, service_code):
    service = Service.objects.get(code=service_code)
    officer = make_staff(Role.PETUGAS_INSTANSI, agency=service.agency)
    case = case_submit(
        actor=officer,
        service=service,
        applicant=resident,
        channel=Channel.MPP_COUNTER,
        service_point=ServicePoint.objects.get(code="mpp-banyuwangi"),
        form_data={"nik_pemohon": resident.nik},
    )
    case_act(actor=officer, case=case, action="accept")
    bill = Bill.objects.filter(case=case).first()
    if bill is not None:  # a service with a fee issues only once it is paid
        bill_pay_cash(actor=officer, bill=bill, amount=bill.amount)
    case_act(actor=officer, case=case, action="complete")
    # The officer prepares; the head of the agency signs the product.
    head = make_staff(Role.KEPALA_INSTANSI, agency=service.agency)
    return officer, case_act(actor=head, case=case, action="sign")


def test_an_agency_product_is_issued_by_the_agency_and_signed_by_its_head(
    catalog, resident, make_staff
):
    officer, case = _agency_case(make_staff, resident, "dinkes-surat-sehat")
    document = Document.objects.get(case_id=case.pk)
    dinkes = Agency.objects.get(code="dinkes")
    assert document.agency_id == dinkes.pk and document.office_id == "35.10"
    assert document.document_type.code == "dinkes-sk-sehat"
    assert document.signer_key_id == "official-agency-dinkes"
    data = _pdf(document)
    assert pdf_verify(data)["valid"]
    text = _text(data)
    assert "DINAS KESEHATAN" in text and "SURAT KETERANGAN SEHAT" in text
    assert "Banyuwangi," in text and "Kepala Dinas Kesehatan" in text
    # The agency's officer sees the agency's documents, a kepala desa does not.
    from balai.accounts.permissions import can

    assert can(officer, "documents.view", document)
    assert not can(make_staff(Role.KEPALA_DESA, region=VILLAGE), "documents.view", document)


def test_a_product_of_a_national_system_is_handed_over_not_issued(catalog, resident, make_staff):
    # The KTP-el comes from SIAK: completing the case issues nothing in Balai.
    _officer, case = _agency_case(make_staff, resident, "dispendukcapil-ktp-el-rusak")
    assert case.status == CaseStatus.ISSUED
    assert not Document.objects.filter(case_id=case.pk).exists()
    assert not case_track(code=case.tracking_code).document_ready


def test_reissue_from_the_case_page_revokes_the_old_number(
    catalog, resident, village_staff, client
):
    operator, kades = village_staff
    case = _business_letter(operator, resident)
    case_act(actor=operator, case=case, action="verify")
    case_act(actor=kades, case=case, action="sign")
    old = Document.objects.get(case_id=case.pk)
    client.login(username=kades.username, password=PASSWORD)
    url = reverse("documents:case_reissue", args=[case.pk, old.pk])
    assert "Terbitkan ulang" in client.get(reverse("cases:detail", args=[case.pk])).content.decode()

    # No reason: refused before anything is signed.
    client.post(url, {"alasan": " "})
    assert Document.objects.filter(case_id=case.pk).count() == 1

    client.post(url, {"alasan": "Salah ketik nama usaha"})
    old.refresh_from_db()
    fresh = Document.objects.get(case_id=case.pk, status=DocumentStatus.ISSUED)
    assert old.status == DocumentStatus.REVOKED and old.replaced_by_id == fresh.pk
    assert fresh.number != old.number and fresh.serial == old.serial + 1
    assert pdf_verify(_pdf(old))["status"] == "revoked"
    assert pdf_verify(_pdf(fresh))["valid"]
    assert "Nama usaha : Warung Bu Siti" in _text(_pdf(fresh))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert fresh.number in page and old.number in page and "Salah ketik nama usaha" in page

    # A document of another case is not reachable through this case.
    other = _business_letter(operator, resident)
    assert client.post(
        reverse("documents:case_reissue", args=[other.pk, fresh.pk]), {"alasan": "x"}
    ).status_code in (403, 404)


def test_init_signer_makes_the_officials_keys_once(catalog, settings, tmp_path, capsys):
    import json

    from balai.documents import keystore

    settings.DOCUMENTS_KEY_DIR = tmp_path / "kunci"
    call_command("document", "init-signer", "--office", VILLAGE)
    assert json.loads(capsys.readouterr().out) == {"created": 1, "existing": 0}
    call_command("document", "init-signer", "--regency", "35.10")
    made = json.loads(capsys.readouterr().out)
    assert made["existing"] == 1 and made["created"] > 200  # villages, kecamatan, offices
    assert keystore.official_key_exists(office_code="agency-dinkes")
    assert keystore.official_key_exists(office_code="35.10.05")
    assert not keystore.official_key_exists(office_code="agency-imigrasi")  # signs elsewhere
