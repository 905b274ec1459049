"""case_submit: one intake for every channel, once-only, routing, SLA, idempotency."""

import datetime as dt

import pytest

from balai.audit.models import AuditEvent
from balai.cases.errors import CaseError
from balai.cases.models import Case, CaseAction, IdempotencyKey
from balai.cases.services import case_submit
from balai.cases.tracking import tracking_code_normalise
from balai.people.models import Family
from tests.fixtures import OTHER_DISTRICT_VILLAGE, VILLAGE


@pytest.fixture
def family(regions, make_resident):
    kk = Family.objects.create(
        regency_code="35.10", kk_number="3510050101200001", village_id=VILLAGE
    )
    head = make_resident(name="Slamet", family=kk, relationship="kepala_keluarga")
    child = make_resident(
        name="Siti", family=kk, relationship="anak", sex="P", birth_date=dt.date(2010, 2, 3)
    )
    return head, child


@pytest.mark.django_db
def test_counter_intake_prefills_routes_and_records(submit_letter, family, operator):
    head, _ = family
    case = submit_letter(head, form_data={"keperluan": "  Melamar pekerjaan ", "jumlah": "2"})

    assert tracking_code_normalise(case.tracking_code) == case.tracking_code
    assert case.status == "submitted" and case.state == "submitted"
    assert case.office_region_code == VILLAGE and case.office_agency_id is None
    assert case.form_data == {"keperluan": "Melamar pekerjaan", "jumlah": 2}
    # Once-only: the register fills the form and the KK/KTP copies are never asked for.
    assert case.register_data["applicant"]["nik"] == head.nik
    assert case.register_data["applicant"]["kk_number"] == "3510050101200001"
    statuses = dict(case.requirements.values_list("code", "status"))
    assert statuses == {"kk": "register", "ktp": "register", "pengantar_rt": "missing"}
    assert case.submitted_by == operator and case.channel == "village_counter"
    assert case.due_at > case.submitted_at
    history = list(CaseAction.objects.filter(case=case).values_list("action", "role"))
    assert history == [("submit", "operator_desa")]
    event = AuditEvent.objects.get(action="cases.submit", object_id=str(case.pk))
    assert event.actor == operator and event.after["tracking_code"] == case.tracking_code


@pytest.mark.django_db
def test_an_applicant_may_act_for_a_family_member_only(submit_letter, family, make_resident):
    head, child = family
    case = submit_letter(head, beneficiary=child)
    assert case.beneficiary == child
    assert case.register_data["beneficiary"]["name"] == "Siti"
    stranger = make_resident(name="Orang Lain")
    with pytest.raises(CaseError) as refused:
        submit_letter(head, beneficiary=stranger)
    assert refused.value.code == "beneficiary_not_family"
    with pytest.raises(CaseError):
        submit_letter(stranger, beneficiary=head)
    assert Case.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({}, "keperluan", "Wajib diisi."),
        ({"keperluan": "x" * 201}, "keperluan", "Isian terlalu panjang."),
        ({"keperluan": "a", "jumlah": "11"}, "jumlah", "Angka terlalu besar."),
        ({"keperluan": "a", "jumlah": "dua"}, "jumlah", "Isian harus berupa angka."),
        ({"keperluan": "a", "tanggal": "31-02-2026"}, "tanggal", None),
        ({"keperluan": "a", "jenis": "lama"}, "jenis", "Pilihan tidak tersedia."),
        ({"keperluan": "a", "warna": "merah"}, "warna", None),
    ],
)
def test_bad_form_data_is_refused_field_by_field(
    submit_letter, make_resident, form, field, message
):
    with pytest.raises(CaseError) as refused:
        submit_letter(make_resident(), form_data=form)
    assert refused.value.code == "invalid_form" and refused.value.status == 422
    assert field in refused.value.details
    if message:
        assert refused.value.details[field] == message
    assert (
        not Case.objects.exists() and not AuditEvent.objects.filter(action="cases.submit").exists()
    )


@pytest.mark.django_db
def test_staff_file_only_within_their_scope(
    make_staff, make_resident, letter_service, letter_standard, make_service_point
):
    outside = make_resident(village=OTHER_DISTRICT_VILLAGE)
    args = dict(
        service=letter_service,
        channel="village_counter",
        form_data={"keperluan": "a"},
        standard=letter_standard,
    )
    village_operator = make_staff("operator_desa", region=VILLAGE)
    kepala = make_staff("kepala_desa", region=VILLAGE)
    auditor = make_staff("auditor", region="35.10")
    for actor in (village_operator, kepala, auditor):
        with pytest.raises(CaseError) as refused:
            case_submit(actor=actor, applicant=outside, **args)
        assert refused.value.status == 403
    # The MPP counter files for anyone at its own service point.
    mpp = make_service_point()
    loket = make_staff("petugas_loket", service_point=mpp)
    case = case_submit(
        actor=loket, applicant=outside, service_point=mpp, **{**args, "channel": "mpp_counter"}
    )
    assert case.service_point == mpp
    # A citizen files for themself online, never for someone else, never at a counter channel.
    me = make_resident()
    assert case_submit(actor=me, applicant=me, **{**args, "channel": "online"}).submitted_by is None
    for applicant, channel in ((outside, "online"), (me, "village_counter")):
        with pytest.raises(CaseError):
            case_submit(actor=me, applicant=applicant, **{**args, "channel": channel})


@pytest.mark.django_db
def test_agency_cases_are_held_by_the_agency(
    make_staff, make_resident, agency_service, agency_standard
):
    officer = make_staff("petugas_instansi", agency=agency_service.agency)
    case = case_submit(
        actor=officer,
        service=agency_service,
        applicant=make_resident(),
        channel="mpp_counter",
        form_data={},
        standard=agency_standard,
    )
    assert case.office_agency_id == agency_service.agency_id and case.office_region_code == ""
    assert case.service_version == 2 and case.workflow_definition["code"] == "agency_service"


@pytest.mark.django_db
def test_the_same_key_and_request_yield_the_same_case(submit_letter, make_resident):
    applicant = make_resident()
    first = submit_letter(applicant, idempotency_key="kiosk-42-0001")
    again = submit_letter(applicant, idempotency_key="kiosk-42-0001")
    assert again.pk == first.pk and Case.objects.count() == 1
    with pytest.raises(CaseError) as refused:
        submit_letter(applicant, idempotency_key="kiosk-42-0001", form_data={"keperluan": "Lain"})
    assert refused.value.code == "idempotency_key_reused"
    other = submit_letter(applicant, idempotency_key="kiosk-42-0002")
    assert other.pk != first.pk


@pytest.mark.django_db
def test_a_refused_submission_leaves_its_key_unused(submit_letter, make_resident):
    applicant = make_resident()
    with pytest.raises(CaseError):
        submit_letter(applicant, idempotency_key="k1", form_data={})
    assert not IdempotencyKey.objects.exists()
    assert submit_letter(applicant, idempotency_key="k1").pk


@pytest.mark.django_db
def test_nul_bytes_are_refused_before_they_reach_the_database(submit_letter, make_resident):
    with pytest.raises(CaseError) as refused:
        submit_letter(make_resident(), form_data={"keperluan": "a\x00b"})
    assert refused.value.details == {"keperluan": "Isian mengandung karakter yang tidak sah."}
