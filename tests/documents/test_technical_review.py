"""Review and authority: a practitioner's licence goes to Dinkes for its technical review and
back, and only the head of the licensing office signs it; a clerk alone cannot issue it."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from balai.accounts.roles import Role
from balai.cases.attachments import Upload
from balai.cases.choices import CaseStatus, Channel
from balai.cases.errors import CaseError
from balai.cases.selectors import case_inbox
from balai.cases.services import case_act, case_submit
from balai.catalog.models import Agency, Service, ServicePoint
from balai.documents.models import Document
from balai.documents.verification import pdf_verify
from tests.cases.files import pdf_bytes


@pytest.fixture
def catalog(regions):
    call_command("load-catalog", verbosity=0)


@pytest.fixture
def staff(catalog, make_staff):
    dpmptsp, dinkes = Agency.objects.get(code="dpmptsp"), Agency.objects.get(code="dinkes")
    return {
        "clerk": make_staff(Role.PETUGAS_INSTANSI, agency=dpmptsp),
        "head": make_staff(Role.KEPALA_INSTANSI, agency=dpmptsp),
        "dinkes": make_staff(Role.PETUGAS_INSTANSI, agency=dinkes),
        "dinkes_head": make_staff(Role.KEPALA_INSTANSI, agency=dinkes),
    }


def _licence_case(clerk, resident):
    return case_submit(
        actor=clerk,
        service=Service.objects.get(code="dpmptsp-sip-bidan"),
        applicant=resident,
        channel=Channel.MPP_COUNTER,
        service_point=ServicePoint.objects.get(code="mpp-banyuwangi"),
        form_data={
            "nik_pemohon": resident.nik,
            "nomor_str": "STR-35-2026-0001",
            "tempat_praktik": "Praktik Mandiri Bidan Siti",
        },
    )


def _inbox(user) -> set[int]:
    return set(case_inbox(viewer=user).values_list("pk", flat=True))


def test_a_licence_goes_to_dinkes_and_back_and_the_head_signs(staff, resident):
    clerk, head, dinkes = staff["clerk"], staff["head"], staff["dinkes"]
    case = _licence_case(clerk, resident)
    case = case_act(actor=clerk, case=case, action="verify")
    case = case_act(actor=clerk, case=case, action="send_for_review")
    assert case.state == "in_review"
    assert case.office_agency_id == Agency.objects.get(code="dinkes").pk
    # In Dinkes's inbox now, out of the licensing office's.
    assert case.pk in _inbox(dinkes) and case.pk not in _inbox(clerk)
    with pytest.raises(CaseError) as refused:
        case_act(
            actor=clerk, case=case, action="review", attachments=[Upload("k.pdf", pdf_bytes())]
        )
    assert refused.value.code in ("not_found", "forbidden")
    # The review needs its report.
    with pytest.raises(CaseError) as missing:
        case_act(actor=dinkes, case=case, action="review")
    assert missing.value.code == "attachment_required"
    case = case_act(
        actor=dinkes,
        case=case,
        action="review",
        comment="Sarana praktik memenuhi standar.",
        attachments=[Upload("kajian-teknis.pdf", pdf_bytes())],
    )
    assert (
        case.state == "reviewed" and case.office_agency_id == Agency.objects.get(code="dpmptsp").pk
    )
    assert case.pk in _inbox(clerk) and case.pk not in _inbox(dinkes)
    case = case_act(actor=clerk, case=case, action="approve")
    assert case.state == "awaiting_head" and case.status == CaseStatus.IN_PROCESS
    assert not Document.objects.filter(case_id=case.pk).exists()
    # Only the head of the licensing office signs: not the clerk, not the head of Dinkes.
    for other in (clerk, staff["dinkes_head"]):
        with pytest.raises(CaseError):
            case_act(actor=other, case=case, action="sign")
    assert case.pk in _inbox(head)
    case = case_act(actor=head, case=case, action="sign")
    assert case.status == CaseStatus.ISSUED
    document = Document.objects.get(case_id=case.pk)
    assert document.agency.code == "dpmptsp"
    with document.file.open("rb") as f:
        assert pdf_verify(f.read())["valid"]


def test_a_clerk_alone_cannot_produce_a_signed_agency_product(staff, resident, make_staff):
    clerk = staff["clerk"]
    case = _licence_case(clerk, resident)
    case_act(actor=clerk, case=case, action="verify")
    for action in ("approve", "sign"):
        with pytest.raises(CaseError):
            case_act(actor=clerk, case=case, action=action)
    # The plain agency workflow too: `complete` hands the case to the head, issues nothing.
    dinkes = staff["dinkes"]
    plain = case_submit(
        actor=dinkes,
        service=Service.objects.get(code="dinkes-surat-sehat"),
        applicant=resident,
        channel=Channel.MPP_COUNTER,
        service_point=ServicePoint.objects.get(code="mpp-banyuwangi"),
        form_data={"nik_pemohon": resident.nik},
    )
    case_act(actor=dinkes, case=plain, action="accept")
    from balai.payments.models import Bill
    from balai.payments.services import bill_pay_cash

    bill = Bill.objects.filter(case=plain).first()
    if bill is not None:
        bill_pay_cash(actor=dinkes, bill=bill, amount=bill.amount)
    plain = case_act(actor=dinkes, case=plain, action="complete")
    assert plain.state == "awaiting_head"
    assert not Document.objects.filter(case_id=plain.pk).exists()
    with pytest.raises(CaseError):
        case_act(actor=dinkes, case=plain, action="sign")
    plain = case_act(actor=staff["dinkes_head"], case=plain, action="sign")
    assert plain.status == CaseStatus.ISSUED
    assert Document.objects.filter(case_id=plain.pk).count() == 1
