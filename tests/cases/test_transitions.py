"""case_act: only as the workflow allows, for the right role in the right scope."""

import datetime as dt

import pytest
import yaml

from balai.accounts.roles import Role
from balai.audit.models import AuditEvent
from balai.cases.attachments import Upload
from balai.cases.errors import CaseError
from balai.cases.flow import case_workflow
from balai.cases.models import Case, CaseAction
from balai.cases.services import _office_for, case_act, case_bulk_act, case_submit
from balai.catalog.loading import DATA_DIR
from tests.cases.conftest import AGENCY_SERVICE, VILLAGE_LETTER_CAMAT
from tests.cases.files import pdf_bytes
from tests.fixtures import OTHER_VILLAGE, VILLAGE

DISTRICT = "35.10.05"
OTHER_DISTRICT = "35.10.01"
# Staff who may file for the applicant may also act for them where the workflow names the
# citizen (resubmit, cancel): the in-scope operator at the village or district, the counter
# where the case was filed, the service's own agency.
ON_BEHALF_OF_CITIZEN = {"operator_desa", "operator_kecamatan", "petugas_loket", "petugas_instansi"}
# Which offices a role's scope holds (a district holds its villages: regions are a tree; an
# MPP counter holds agency cases filed at its counter).
HOLDS = {
    "operator_desa": {"applicant_village"},
    "kepala_desa": {"applicant_village"},
    "operator_kecamatan": {"applicant_village", "applicant_district"},
    "camat": {"applicant_village", "applicant_district"},
    "petugas_instansi": {"agency"},
    "kepala_instansi": {"agency"},
    "petugas_loket": {"agency"},
    "admin_mpp": set(),
    "admin_kabupaten": set(),
    "auditor": set(),
    "pimpinan": set(),  # the regent's figures, never a case
    "inspektorat": set(),  # conduct complaints, never a case
}
REPORT = pdf_bytes()
LIBRARY = yaml.safe_load((DATA_DIR / "workflows.yaml").read_text())["workflows"]


def _scope(role, in_scope, *, agency, other_agency, point, other_point):
    field, inside, outside = {
        "operator_desa": ("region", VILLAGE, OTHER_VILLAGE),
        "kepala_desa": ("region", VILLAGE, OTHER_VILLAGE),
        "operator_kecamatan": ("region", DISTRICT, OTHER_DISTRICT),
        "camat": ("region", DISTRICT, OTHER_DISTRICT),
        "petugas_instansi": ("agency", agency, other_agency),
        "kepala_instansi": ("agency", agency, other_agency),
        "petugas_loket": ("service_point", point, other_point),
        "admin_mpp": ("service_point", point, other_point),
        "admin_kabupaten": ("region", "35.10", "35.09"),
        "auditor": ("region", "35.10", "35.09"),
        "pimpinan": ("region", "35.10", "35.09"),
        "inspektorat": ("region", "35.10", "35.09"),
    }[role]
    return {field: inside if in_scope else outside}


def _holding_office(flow, state):
    # A state no office holds (waiting on the citizen) stays with the office that held the
    # case before; placed here as the office of the first state.
    office = flow.state(state).office
    return flow.state(flow.initial).office if office == "none" else office


def _expected(role, in_scope, step, office):
    if not in_scope:
        return False
    if "citizen" in step.roles and role == "citizen":
        return True
    if "citizen" in step.roles and role in ON_BEHALF_OF_CITIZEN:
        # The agency's officers act for the citizen only on cases their agency holds; the
        # front desks (village, kecamatan, counter) follow the cases they filed.
        return role != "petugas_instansi" or office in HOLDS[role]
    return role in step.roles and office in HOLDS.get(role, set())


@pytest.mark.django_db
# The technical-review routes name a reviewing agency this small catalog lacks; they have
# their own matrix (tests/workflow/test_engine.py) and path (tests/documents/).
@pytest.mark.parametrize(
    "definition",
    [d for d in LIBRARY if not d["code"].startswith("technical_review_")],
    ids=lambda d: d["code"],
)
@pytest.mark.parametrize("role", [*Role.values, "citizen"])
def test_every_action_against_every_role_in_and_out_of_scope(
    definition,
    role,
    make_staff,
    make_resident,
    make_agency,
    make_service_point,
    letter_service,
    agency_service,
    operator,
):
    from balai.cases.standard import ServiceStandard

    flow = case_workflow(definition)
    by_agency = flow.state(flow.initial).office == "agency"
    service = agency_service if by_agency else letter_service
    standard = ServiceStandard(
        version=1,
        workflow_code=flow.code,
        workflow_version=1,
        workflow_definition=definition,
        sla_amount=3,
    )
    point, other_point = make_service_point(), make_service_point("mpp-jember")
    other_agency = make_agency("bpn", name="Badan Pertanahan", short_name="BPN")
    applicant = make_resident()
    case = case_submit(
        actor=operator,
        service=service,
        applicant=applicant,
        service_point=point,
        channel="village_counter",
        form_data={},
        standard=standard,
    )
    actors = {}
    for in_scope in (True, False):
        if role == "citizen":
            actors[in_scope] = applicant if in_scope else make_resident(name="Tetangga")
        else:
            actors[in_scope] = make_staff(
                role,
                **_scope(
                    role,
                    in_scope,
                    agency=service.agency,
                    other_agency=other_agency,
                    point=point,
                    other_point=other_point,
                ),
            )
    wrong = []
    checked = 0
    for step in flow.actions:
        for source in step.sources:
            office = _holding_office(flow, source)
            for in_scope, actor in actors.items():
                region, agency_id = _office_for(
                    flow.state(flow.initial)
                    if flow.state(source).office == "none"
                    else flow.state(source),
                    applicant=applicant,
                    service=service,
                )
                Case.objects.filter(pk=case.pk).update(
                    state=source, office_region_code=region, office_agency_id=agency_id
                )
                history = CaseAction.objects.filter(case=case).count()
                target = flow.state(step.to)
                try:
                    moved = case_act(
                        actor=actor,
                        case=case,
                        action=step.code,
                        comment="catatan",
                        reason_code="other" if target.outcome == "rejected" else None,
                        attachments=[Upload("laporan.pdf", REPORT)]
                        if step.attachment_required
                        else None,
                    )
                    outcome = moved.state == step.to
                    assert CaseAction.objects.filter(case=case).count() == history + 1
                except CaseError as refused:
                    assert refused.status in (403, 404), refused.code
                    assert Case.objects.get(pk=case.pk).state == source
                    assert CaseAction.objects.filter(case=case).count() == history
                    outcome = False
                checked += 1
                if outcome != _expected(role, in_scope, step, office):
                    wrong.append((step.code, source, "in" if in_scope else "out", outcome))
    assert checked == 2 * sum(len(a.sources) for a in flow.actions)
    assert wrong == []


@pytest.mark.django_db
def test_the_village_letter_needing_the_camat_end_to_end(submit_letter, make_staff, make_resident):
    kades = make_staff("kepala_desa", region=VILLAGE)
    camat = make_staff("camat", region=DISTRICT)
    case = submit_letter(make_resident())
    operator = case.submitted_by
    case = case_act(actor=operator, case=case, action="verify")
    assert (case.status, case.office_region_code) == ("in_process", VILLAGE)
    with pytest.raises(CaseError) as early:
        case_act(actor=camat, case=case, action="approve_district")
    assert early.value.code == "action_not_available"
    case = case_act(actor=kades, case=case, action="approve_village", comment="Setuju")
    assert case.office_region_code == DISTRICT
    case = case_act(actor=camat, case=case, action="approve_district")
    assert case.status == "issued" and case.closed_at is not None
    assert case.office_region_code == DISTRICT  # the last office keeps it in its records
    steps = list(case.actions.values_list("action", "role"))
    assert steps == [
        ("submit", "operator_desa"),
        ("verify", "operator_desa"),
        ("approve_village", "kepala_desa"),
        ("approve_district", "camat"),
    ]
    events = AuditEvent.objects.filter(object_type="cases.case", object_id=str(case.pk))
    events = events.values_list("action", flat=True)
    assert list(events) == [
        "cases.submit",
        "cases.verify",
        "cases.approve_village",
        "cases.approve_district",
    ]


@pytest.mark.django_db
def test_returned_for_correction_then_rejected(submit_letter, make_resident, make_staff):
    kades = make_staff("kepala_desa", region=VILLAGE)
    applicant = make_resident()
    case = submit_letter(applicant)
    operator = case.submitted_by
    due = case.due_at
    with pytest.raises(CaseError) as silent:
        case_act(actor=operator, case=case, action="return")
    assert silent.value.code == "comment_required"
    case = case_act(actor=operator, case=case, action="return", comment="Pengantar RT kurang")
    assert case.status == "needs_correction" and case.sla_paused_at is not None
    # Paused a while: pretend the citizen came back three working days later.
    Case.objects.filter(pk=case.pk).update(sla_paused_at=case.sla_paused_at - dt.timedelta(days=7))
    case = case_act(actor=applicant, case=case, action="resubmit")
    assert case.status == "submitted" and case.sla_paused_at is None
    assert case.sla_paused >= 3 and case.due_at > due
    case = case_act(actor=operator, case=case, action="verify")
    with pytest.raises(CaseError) as no_reason:
        case_act(actor=kades, case=case, action="reject", comment="Data tidak cocok")
    assert no_reason.value.code == "reason_required"
    with pytest.raises(CaseError):
        case_act(actor=kades, case=case, action="reject", comment="x", reason_code="bosan")
    case = case_act(
        actor=kades, case=case, action="reject", comment="NIK berbeda", reason_code="data_mismatch"
    )
    assert case.status == "rejected"
    last = case.actions.last()
    assert (last.reason_code, last.comment, last.role) == (
        "data_mismatch",
        "NIK berbeda",
        "kepala_desa",
    )
    assert list(case.actions.values_list("action", flat=True)) == [
        "submit",
        "return",
        "resubmit",
        "verify",
        "reject",
    ]
    with pytest.raises(CaseError) as closed:
        case_act(actor=kades, case=case, action="approve_village")
    assert closed.value.code == "action_not_available"


@pytest.mark.django_db
def test_bulk_action_acts_case_by_case(submit_letter, make_resident, make_staff):
    kades = make_staff("kepala_desa", region=VILLAGE)
    cases = [submit_letter(make_resident()) for _ in range(3)]
    operator = cases[0].submitted_by
    for case in cases[:2]:
        case_act(actor=operator, case=case, action="verify")
    results = case_bulk_act(actor=kades, cases=cases, action="approve_village")
    assert results[cases[0].pk] is None and results[cases[1].pk] is None
    assert results[cases[2].pk].code == "action_not_available"
    assert AuditEvent.objects.filter(action="cases.approve_village").count() == 2
    assert Case.objects.get(pk=cases[2].pk).state == "submitted"


@pytest.mark.parametrize("definition", [VILLAGE_LETTER_CAMAT, AGENCY_SERVICE])
def test_the_test_workflows_are_valid_for_the_engine(definition):
    assert case_workflow(definition).validate() == []
