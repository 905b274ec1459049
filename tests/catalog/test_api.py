"""The public catalog API at /api/v1/catalog: no token needed, drafts never served."""

from __future__ import annotations

import pytest

from balai.catalog.loading import catalog_load

pytestmark = pytest.mark.django_db
BASE = "/api/v1/catalog"


@pytest.fixture
def loaded(regions, small_catalog):
    catalog_load(actor=None, directory=small_catalog)


def test_search_is_public_ranked_filtered_and_paged(client, loaded):
    response = client.get(f"{BASE}/services", {"q": "akte lahir"})
    assert response.status_code == 200
    body = response.json()
    assert body["items"][0]["code"] == "akta-kelahiran"
    first = body["items"][0]
    assert first["fee_text"] == "Gratis"
    assert first["agency"] == "dispendukcapil"
    assert first["url"] == "/layanan/akta-kelahiran/"
    body = client.get(f"{BASE}/services", {"life_event": "kelahiran"}).json()
    assert body["count"] == 2
    assert {i["code"] for i in body["items"]} == {"akta-kelahiran", "sk-kelahiran"}
    everything = client.get(f"{BASE}/services").json()
    assert everything["count"] == 5
    pages = [
        client.get(f"{BASE}/services", {"page": n, "page_size": 2}).json()["items"]
        for n in (1, 2, 3)
    ]
    codes = [i["code"] for page in pages for i in page]
    assert codes == [i["code"] for i in everything["items"]]
    at_point = client.get(f"{BASE}/services", {"point": "pasar-rogojampi"}).json()
    assert [i["code"] for i in at_point["items"]] == ["akta-kelahiran"]


def test_unknown_filters_and_bad_paging_are_refused(client, loaded):
    for params, code in [
        ({"life_event": "liburan"}, "unknown_life_event"),
        ({"segment": "astronot"}, "unknown_segment"),
        ({"agency": "tidak-ada"}, "unknown_agency"),
        ({"point": "tidak-ada"}, "unknown_service_point"),
    ]:
        response = client.get(f"{BASE}/services", params)
        assert response.status_code == 400
        body = response.json()
        assert body["code"] == code
        assert "tidak dikenal" in body["message"]
        assert "items" not in body
    assert client.get(f"{BASE}/services", {"page": 0}).status_code == 422
    assert client.get(f"{BASE}/services", {"page_size": 1000}).status_code == 422
    # A NUL byte is invalid input (PostgreSQL text cannot hold it), never a server error.
    for field in ("q", "agency", "point"):
        # Refused once, for every request, before any view (core/middleware.py).
        response = client.get(f"{BASE}/services", {field: "akta\x00"})
        assert response.status_code == 400 and response.json()["code"] == "nul_character"


def test_one_service_gives_the_full_public_standard(client, loaded):
    body = client.get(f"{BASE}/services/pajak-kendaraan-tahunan").json()
    assert body["code"] == "pajak-kendaraan-tahunan"
    assert body["fee"] == {"amount": 250000, "legal_basis": "Perda Pajak Daerah", "example": True}
    assert body["fee_text"] == "Rp250.000"
    assert [r["code"] for r in body["requirements"]] == ["ktp", "stnk", "hadir"]
    assert body["procedure"] == ["Serahkan berkas.", "Bayar.", "Terima STNK."]
    assert body["service_points"] == ["mpp-banyuwangi"]
    assert body["agency_name"] == "Kantor Bersama Samsat Banyuwangi"
    assert "workflow" not in body


def test_drafts_and_unknown_services_are_not_found_and_agencies_are_listed(client, loaded):
    for code in ("kia", "tidak-ada"):
        response = client.get(f"{BASE}/services/{code}")
        assert response.status_code == 404
        assert response.json()["code"] == "service_not_found"
        assert "name" not in response.json()
    body = client.get(f"{BASE}/agencies").json()
    assert {a["code"] for a in body} == {"dispendukcapil", "samsat", "dinsos"}
    assert all(set(a) >= {"name", "short_name", "is_mpp_tenant"} for a in body)
