"""Filing under the catalog's real published standard and the shipped workflow library."""

import pytest

from balai.cases.errors import CaseError
from balai.cases.services import case_act, case_submit
from tests.fixtures import VILLAGE

DISTRICT = "35.10.05"


@pytest.mark.django_db
def test_a_village_letter_needing_the_camat_under_the_published_standard(
    catalog, make_staff, make_resident
):
    from balai.catalog.models import Service, ServicePoint

    service = Service.objects.get(code="sk-ahli-waris")
    office = ServicePoint.objects.get(code=f"kantor-desa-{VILLAGE}")
    operator = make_staff("operator_desa", region=VILLAGE)
    kades = make_staff("kepala_desa", region=VILLAGE)
    camat = make_staff("camat", region=DISTRICT)
    case = case_submit(
        actor=operator,
        service=service,
        applicant=make_resident(),
        channel="village_counter",
        service_point=office,
        form_data={},
    )
    version = service.published_version
    assert case.service_version == version.number
    assert case.workflow_code == "village_letter_camat"
    assert case.workflow_definition == version.workflow.definition
    assert (case.sla_amount, case.sla_unit) == (3, "working_days")
    assert dict(case.requirements.values_list("code", "status")) == {"kk": "register"}

    case = case_act(actor=operator, case=case, action="verify")
    case = case_act(actor=kades, case=case, action="endorse")
    assert case.office_region_code == DISTRICT
    case = case_act(actor=camat, case=case, action="approve")
    assert case.status == "issued"


@pytest.mark.django_db
def test_choices_in_the_published_form_are_enforced(catalog, make_staff, make_resident):
    from balai.catalog.models import Service

    operator = make_staff("operator_desa", region=VILLAGE)
    args = dict(
        actor=operator,
        service=Service.objects.get(code="sk-domisili"),
        applicant=make_resident(),
        channel="village_counter",
    )
    with pytest.raises(CaseError) as refused:
        case_submit(**args, form_data={"purpose": "Liburan"})
    assert refused.value.details == {"purpose": "Pilihan tidak tersedia."}
    assert case_submit(**args, form_data={"purpose": "lain"}).form_data == {"purpose": "lain"}


@pytest.mark.django_db
def test_a_service_is_filed_only_through_the_channels_its_standard_offers(
    catalog, make_staff, make_resident
):
    from balai.catalog.models import Service

    resident = make_resident()
    service = Service.objects.get(code="sk-ahli-waris")  # offered at the village office only
    with pytest.raises(CaseError) as refused:
        case_submit(
            actor=resident, service=service, applicant=resident, channel="online", form_data={}
        )
    assert refused.value.code == "channel_not_offered"
    kiosk = Service.objects.get(code="sk-domisili")  # village office and kiosk
    case = case_submit(
        actor=resident,
        service=kiosk,
        applicant=resident,
        channel="kiosk",
        form_data={"purpose": "Bank"},
    )
    assert case.channel == "kiosk" and case.actions.get().role == "citizen"


@pytest.mark.django_db
def test_an_unpublished_service_cannot_be_filed(catalog, make_staff, make_resident):
    from balai.catalog.models import Service

    Service.objects.filter(code="sk-domisili").update(status="retired")
    resident = make_resident()
    with pytest.raises(CaseError) as refused:
        case_submit(
            actor=resident,
            service=Service.objects.get(code="sk-domisili"),
            applicant=resident,
            channel="kiosk",
            form_data={"purpose": "Bank"},
        )
    assert refused.value.code == "service_not_published"
