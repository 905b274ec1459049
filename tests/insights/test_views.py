"""Who opens which dashboard: role AND scope, on pages, exports and the API."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.fixtures import OTHER_DISTRICT_VILLAGE, OTHER_VILLAGE, VILLAGE
from tests.insights.conftest import DISTRICT

pytestmark = pytest.mark.django_db


def _client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def staff(world, make_staff):
    return {
        "operator": make_staff("operator_desa", region=VILLAGE),
        "camat": make_staff("camat", region=DISTRICT),
        "agency": make_staff("petugas_instansi", agency=world.dukcapil),
        "mpp": make_staff("admin_mpp", service_point=world.mpp),
        "admin": make_staff("admin_kabupaten", region="35.10"),
        "bupati": make_staff("pimpinan", region="35.10"),
        "loket": make_staff("petugas_loket", service_point=world.mpp),
    }


ALLOWED = {
    "operator": {("desa", VILLAGE)},
    "camat": {("kecamatan", DISTRICT), ("desa", VILLAGE), ("desa", OTHER_VILLAGE)},
    "agency": {("instansi", "dispendukcapil")},
    "mpp": {("tempat-layanan", "mpp-banyuwangi")},
    "admin": {
        ("kabupaten", "35.10"),
        ("kecamatan", DISTRICT),
        ("desa", VILLAGE),
        ("desa", OTHER_VILLAGE),
        ("desa", OTHER_DISTRICT_VILLAGE),
        ("instansi", "dispendukcapil"),
        ("instansi", "dpmptsp"),
        ("tempat-layanan", "mpp-banyuwangi"),
    },
}
ALL_SUBJECTS = {pair for pairs in ALLOWED.values() for pair in pairs} | {
    ("kabupaten", "35.09"),
    ("instansi", "dukcapil-jember"),
}


@pytest.mark.parametrize("who", sorted(ALLOWED))
def test_each_role_opens_only_its_scope(client, staff, who) -> None:
    c = _client(client, staff[who])
    for kind, key in sorted(ALL_SUBJECTS):
        status = c.get(f"/dasbor/{kind}/{key}/").status_code
        assert status == (200 if (kind, key) in ALLOWED[who] else 404), (who, kind, key)


def test_the_regent_sees_the_regency_and_no_case_file(client, staff) -> None:
    c = _client(client, staff["bupati"])
    response = c.get("/dasbor/")
    assert response.status_code == 302 and response["Location"].endswith("/dasbor/kabupaten/35.10/")
    assert c.get("/dasbor/kabupaten/35.10/").status_code == 200
    assert c.get("/dasbor/kabupaten/35.09/").status_code == 404
    # Figures only: the register and the case inbox stay closed to the role.
    assert c.get("/penduduk/").status_code == 403


def test_without_the_permission_or_signed_out(client, staff) -> None:
    assert client.get("/dasbor/kabupaten/35.10/").status_code == 302  # to the login page
    c = _client(client, staff["loket"])
    assert c.get("/dasbor/").status_code == 403
    assert c.get("/dasbor/tempat-layanan/mpp-banyuwangi/").status_code == 403
    assert c.get("/dasbor/tempat-layanan/mpp-banyuwangi/unduh.csv").status_code == 403


def test_unknown_kind_and_key_are_404(client, staff) -> None:
    c = _client(client, staff["admin"])
    assert c.get("/dasbor/provinsi/35/").status_code == 404
    assert c.get("/dasbor/desa/35.10.05/").status_code == 404  # a district is not a village
    assert c.get("/dasbor/desa/35.10.99.9999/").status_code == 404


def test_dashboard_page_shows_the_figures(client, generate, staff) -> None:
    generate(n=200, seed=5)
    c = _client(client, staff["camat"])
    html = c.get("/dasbor/kecamatan/35.10.05/?mulai=2026-01-01&sampai=2026-03-20").content.decode()
    assert 'role="img"' in html and "<title id=" in html  # the charts are labelled SVG
    assert 'id="ranking-table"' in html and "Sumberberas" in html
    bad = c.get("/dasbor/kecamatan/35.10.05/?mulai=2026-03-20&sampai=2026-01-01")
    assert "Tanggal akhir sebelum tanggal awal." in bad.content.decode()


def test_exports_carry_the_same_figures(client, generate, staff) -> None:
    generate(n=200, seed=5)
    c = _client(client, staff["admin"])
    query = "mulai=2026-01-01&sampai=2026-03-20"
    page = c.get(f"/dasbor/kabupaten/35.10/?{query}").context["d"]
    rows = list(
        csv.reader(
            io.StringIO(c.get(f"/dasbor/kabupaten/35.10/unduh.csv?{query}").content.decode())
        )
    )
    assert rows[0] == ["Ukuran", "Nilai"]
    assert rows[1] == ["Permohonan masuk", str(page.cases.received)]
    ranking = c.get(f"/dasbor/kabupaten/35.10/unduh.csv?{query}&tabel=peringkat").content.decode()
    assert len(ranking.strip().splitlines()) == 1 + len(page.ranking)
    assert c.get(f"/dasbor/kabupaten/35.10/unduh.csv?{query}&tabel=rahasia").status_code == 404
    book = load_workbook(io.BytesIO(c.get(f"/dasbor/kabupaten/35.10/unduh.xlsx?{query}").content))
    assert book.sheetnames == ["ringkasan", "layanan", "peringkat", "tren"]
    values = {r[0]: r[1] for r in book["ringkasan"].iter_rows(values_only=True) if r[0]}
    assert values["Permohonan selesai"] == page.cases.finished
    # Out of scope exports are 404 like the page.
    other = _client(client, staff["operator"])
    assert other.get(f"/dasbor/kabupaten/35.10/unduh.xlsx?{query}").status_code == 404


def test_api_dashboard_scope_and_codes(client, generate, staff) -> None:
    generate(n=100, seed=2)
    c = _client(client, staff["operator"])
    ok = c.get(f"/api/v1/insights/dashboards/village/{VILLAGE}?start=2026-01-01&end=2026-03-20")
    assert ok.status_code == 200
    body = ok.json()
    assert body["tables"]["ringkasan"]["rows"][0][0] == "Permohonan masuk"
    assert (
        c.get(f"/api/v1/insights/dashboards/village/{OTHER_VILLAGE}").json()["code"] == "not_found"
    )
    bad = c.get(f"/api/v1/insights/dashboards/village/{VILLAGE}?start=2026-03-20&end=2026-01-01")
    assert (bad.status_code, bad.json()["code"]) == (422, "invalid_period")
    client.logout()
    assert client.get(f"/api/v1/insights/dashboards/village/{VILLAGE}").status_code == 401
    loket = _client(client, staff["loket"])
    assert loket.get("/api/v1/insights/dashboards/regency/35.10").json()["code"] == "forbidden"


def test_nav_link_shown_by_permission(client, staff) -> None:
    assert "/dasbor/" in _client(client, staff["camat"]).get("/").content.decode()
    client.logout()
    assert 'href="/dasbor/"' not in _client(client, staff["loket"]).get("/").content.decode()
