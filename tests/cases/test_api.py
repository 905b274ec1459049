"""The cases API: intake with Idempotency-Key, inbox, actions, public tracking."""

import datetime as dt

import pytest
from django.test import Client

from balai.cases.models import Case
from tests.fixtures import OTHER_DISTRICT_VILLAGE, OTHER_VILLAGE, VILLAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_letter(letter_service, letter_standard, monkeypatch):
    """The letter service filed under the test standard (the catalog's own path is tested in
    test_catalog_standard.py)."""
    from balai.cases import services

    monkeypatch.setattr(services, "standard_for", lambda service: letter_standard)
    return letter_service


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _intake(client, resident, key=None, **extra):
    body = {
        "service": "sk-domisili",
        "applicant_nik": resident.nik,
        "channel": "village_counter",
        "form_data": {"keperluan": "Melamar kerja"},
        **extra,
    }
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post("/api/v1/cases", body, content_type="application/json", **headers)


def test_intake_then_retry_with_the_same_key_returns_the_same_case(
    published_letter, operator, make_resident
):
    resident = make_resident()
    client = _client(operator)
    first = _intake(client, resident, key="abc-1")
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["applicant_nik"] == resident.nik[:4] + "********" + resident.nik[-4:]
    assert body["status"] == "submitted" and body["actions"]
    again = _intake(client, resident, key="abc-1")
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    changed = _intake(client, resident, key="abc-1", form_data={"keperluan": "Lain"})
    assert changed.status_code == 422
    assert changed.json()["code"] == "idempotency_key_reused"
    assert Case.objects.count() == 1


def test_intake_errors_are_stable_codes(published_letter, operator, make_resident):
    client = _client(operator)
    resident = make_resident()
    bad_form = _intake(client, resident, form_data={})
    assert bad_form.status_code == 422
    assert bad_form.json()["code"] == "invalid_form"
    assert "keperluan" in bad_form.json()["details"]
    assert _intake(client, resident, service="tidak-ada").json()["code"] == "service_not_found"
    unknown = _intake(client, resident, applicant_nik="3510050406850999")
    assert unknown.status_code == 404 and unknown.json()["code"] == "resident_not_found"
    # Out of the operator's scope answers as not found: a NIK's existence is not confirmed.
    stranger = make_resident(village=OTHER_DISTRICT_VILLAGE)
    hidden = _intake(client, stranger)
    assert hidden.status_code == 404 and hidden.json()["code"] == "resident_not_found"
    assert Case.objects.count() == 0
    assert Client().post("/api/v1/cases", {}, content_type="application/json").status_code == 401


def test_inbox_act_and_track(published_letter, operator, make_staff, make_resident):
    kades = make_staff("kepala_desa", region=VILLAGE)
    created = _intake(_client(operator), make_resident()).json()
    client = _client(operator)
    inbox = client.get("/api/v1/cases/inbox").json()
    assert [c["id"] for c in inbox["items"]] == [created["id"]] and inbox["count"] == 1
    # The kepala desa may already return or reject it; a neighbour village sees nothing.
    assert _client(kades).get("/api/v1/cases/inbox").json()["count"] == 1
    neighbour = make_staff("operator_desa", region=OTHER_VILLAGE)
    assert _client(neighbour).get("/api/v1/cases/inbox").json()["count"] == 0
    refused = _client(kades).post(
        f"/api/v1/cases/{created['id']}/actions",
        {"action": "verify"},
        content_type="application/json",
    )
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    moved = client.post(
        f"/api/v1/cases/{created['id']}/actions",
        {"action": "verify"},
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["state"] == "awaiting_kades"
    assert _client(kades).get("/api/v1/cases/inbox").json()["items"][0]["actions"] == [
        "approve_village",
        "return",
        "reject",
    ]
    # The operator may still return or reject it there, not approve it.
    assert client.get("/api/v1/cases/inbox").json()["items"][0]["actions"] == ["return", "reject"]
    public = Client().get(f"/api/v1/cases/track/{created['tracking_code']}")
    assert public.status_code == 200
    text = public.content.decode()
    assert "Menunggu kepala desa" in text
    for secret in ("Budi", created["applicant_nik"][:4] + "*"):
        assert secret not in text
    assert Client().get("/api/v1/cases/track/AAAAAAAA").status_code == 404


def test_a_case_out_of_scope_is_not_found(published_letter, operator, make_staff, make_resident):
    created = _intake(_client(operator), make_resident()).json()
    other = make_staff("operator_desa", region=OTHER_DISTRICT_VILLAGE)
    assert _client(other).get(f"/api/v1/cases/{created['id']}").status_code == 404
    act = _client(other).post(
        f"/api/v1/cases/{created['id']}/actions",
        {"action": "verify"},
        content_type="application/json",
    )
    assert act.status_code == 404 and act.json() == {
        "code": "not_found",
        "message": "Permohonan tidak ditemukan.",
    }


def test_the_inbox_query_count_does_not_grow_with_its_rows(
    published_letter, operator, make_resident, django_assert_max_num_queries
):
    client = _client(operator)
    for _ in range(3):
        _intake(client, make_resident())
    with django_assert_max_num_queries(10) as few:
        assert client.get("/api/v1/cases/inbox").json()["count"] == 3
        baseline = len(few.captured_queries)
    for _ in range(9):
        _intake(client, make_resident())
    with django_assert_max_num_queries(baseline):
        assert client.get("/api/v1/cases/inbox").json()["count"] == 12


def test_a_beneficiary_from_elsewhere_and_an_unknown_nik_get_the_same_answer(
    published_letter, operator, make_resident
):
    """No existence oracle: another district's resident and a NIK nobody holds answer alike."""
    from balai.people.models import Family

    family = Family.objects.create(
        regency_code="35.10", kk_number="3510051203150007", village_id=VILLAGE
    )
    applicant = make_resident(family=family)
    elsewhere = make_resident(village=OTHER_DISTRICT_VILLAGE, name="Warga Lain")
    unknown = elsewhere.nik[:-4] + "9999"
    client = _client(operator)
    answers = []
    for nik in (elsewhere.nik, unknown):
        response = _intake(client, applicant, beneficiary_nik=nik)
        answers.append((response.status_code, response.json()))
    assert answers[0] == answers[1]
    assert answers[0][0] == 422 and answers[0][1]["code"] == "beneficiary_not_family"
    member = make_resident(family=family, name="Anak", birth_date=dt.date(2010, 1, 2))
    assert _intake(client, applicant, beneficiary_nik=member.nik).status_code == 201
