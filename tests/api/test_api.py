"""The API as a whole: OpenAPI, regions, and the one error shape."""

from __future__ import annotations

import pytest

from balai.accounts.services import token_create
from tests.fixtures import VILLAGE


@pytest.fixture
def bearer(make_staff):
    user = make_staff("operator_desa", region=VILLAGE)
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(actor=None, user=user, name='t').key}"}


def test_openapi_is_served_and_lists_the_endpoints(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/residents/",
        "/api/v1/residents/{resident_id}",
        "/api/v1/regions/",
        "/api/v1/regions/search",
        "/api/v1/regions/{code}",
    ):
        assert path in paths, path
    schemes = response.json()["components"]["securitySchemes"]
    assert {"TokenAuth", "SessionAuth"} <= set(schemes)


def test_region_lookup_by_code(client, bearer):
    body = client.get("/api/v1/regions/35.10.05.2001", **bearer).json()
    assert body == {
        "code": "35.10.05.2001",
        "name": body["name"],
        "level": "village",
        "parent_code": "35.10.05",
    }


def test_unknown_region_is_404_not_found(client, bearer):
    response = client.get("/api/v1/regions/99.99", **bearer)
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_regions_by_parent_and_level(client, bearer):
    body = client.get("/api/v1/regions/", {"parent": "35.10"}, **bearer).json()
    assert body["count"] == 25  # Banyuwangi's 25 districts
    assert {r["level"] for r in body["items"]} == {"district"}
    body = client.get("/api/v1/regions/", {"level": "regency"}, **bearer).json()
    assert {r["code"] for r in body["items"]} == {"35.09", "35.10"}
    provinces = client.get("/api/v1/regions/", **bearer).json()
    assert [r["code"] for r in provinces["items"]] == ["35"]


def test_region_search_ignores_case_and_spacing(client, bearer):
    items = client.get(
        "/api/v1/regions/search", {"q": "BANYU wangi", "level": "regency"}, **bearer
    ).json()
    assert [r["code"] for r in items] == ["35.10"]


def test_region_search_needs_a_query(client, bearer):
    response = client.get("/api/v1/regions/search", **bearer)
    assert response.status_code == 422 and response.json()["code"] == "invalid_input"
