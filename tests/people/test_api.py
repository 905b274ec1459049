"""/api/v1/residents: token and session auth, scope, masking, audit, error shape."""

from __future__ import annotations

import pytest

from balai.accounts.services import token_create
from balai.audit.models import AuditEvent
from tests.fixtures import OTHER_DISTRICT_VILLAGE, OTHER_REGENCY_VILLAGE, OTHER_VILLAGE, VILLAGE


@pytest.fixture
def operator(make_staff):
    return make_staff("operator_desa", region=VILLAGE, username="sri")


@pytest.fixture
def bearer(operator):
    key = token_create(actor=None, user=operator, name="test").key
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_no_credentials_is_401_with_the_error_shape(client, db):
    response = client.get("/api/v1/residents/")
    assert response.status_code == 401
    assert response.json() == {
        "code": "not_authenticated",
        "message": "Silakan masuk terlebih dahulu.",
    }


def test_a_wrong_token_is_401(client, db):
    response = client.get("/api/v1/residents/", HTTP_AUTHORIZATION="Bearer tidak-ada")
    assert response.status_code == 401


def test_list_is_scoped_masked_and_paged(client, bearer, make_resident):
    mine = [make_resident(name=f"Warga {n}") for n in range(3)]
    far = make_resident(village=OTHER_VILLAGE, name="Tetangga")
    response = client.get("/api/v1/residents/", {"limit": 2}, **bearer)
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 3 and len(body["items"]) == 2
    for item in body["items"]:
        assert "*" * 8 in item["nik_masked"] and "nik" not in item
    text = response.content.decode()
    assert all(r.nik not in text for r in mine)
    assert far.nik[-4:] + '"' not in text and "Tetangga" not in text
    rest = client.get("/api/v1/residents/", {"limit": 2, "offset": 2}, **bearer).json()
    assert len(rest["items"]) == 1


def test_search_by_name_ignores_case_and_spacing(client, bearer, make_resident):
    make_resident(name="Hasan Basri")
    make_resident(name="Budi")
    items = client.get("/api/v1/residents/", {"q": "HASAN  basri"}, **bearer).json()["items"]
    assert [i["name"] for i in items] == ["Hasan Basri"]


def test_detail_has_full_nik_and_is_audited(client, bearer, operator, make_resident):
    resident = make_resident(name="Hasan Basri")
    response = client.get(f"/api/v1/residents/{resident.pk}", **bearer)
    assert response.status_code == 200
    assert response.json()["nik"] == resident.nik
    event = AuditEvent.objects.get(object_type="people.resident")
    assert event.actor == operator and event.channel == "api"


@pytest.mark.parametrize("village", [OTHER_VILLAGE, OTHER_DISTRICT_VILLAGE, OTHER_REGENCY_VILLAGE])
def test_detail_out_of_scope_is_404_with_no_data(client, bearer, make_resident, village):
    far = make_resident(village=village, name="Rahasia Tetangga")
    response = client.get(f"/api/v1/residents/{far.pk}", **bearer)
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Data tidak ditemukan."}
    assert not AuditEvent.objects.filter(object_type="people.resident").exists()


def test_a_role_without_the_register_is_403(client, make_staff, make_service_point, make_resident):
    resident = make_resident()
    user = make_staff("petugas_loket", service_point=make_service_point())
    key = token_create(actor=None, user=user, name="t").key
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    for url in ("/api/v1/residents/", f"/api/v1/residents/{resident.pk}"):
        response = client.get(url, **auth)
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"
        assert resident.name not in response.content.decode()


def test_session_auth_works_for_signed_in_staff(client, operator, make_resident):
    resident = make_resident()
    client.force_login(operator)
    assert client.get(f"/api/v1/residents/{resident.pk}").json()["nik"] == resident.nik


def test_bad_input_is_422_invalid_input(client, bearer):
    response = client.get("/api/v1/residents/", {"limit": 100000}, **bearer)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    response = client.get("/api/v1/residents/", {"status": "hilang"}, **bearer)
    assert response.status_code == 422


def test_list_query_count_does_not_grow_with_rows(client, bearer, make_resident):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_resident(name="Satu")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/residents/", **bearer)
    for n in range(15):
        make_resident(name=f"Banyak {n}")
    with CaptureQueriesContext(connection) as many:
        body = client.get("/api/v1/residents/", **bearer).json()
    assert body["count"] == 16
    assert len(many) == len(few)
