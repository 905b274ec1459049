"""Staff pages for residents and families: scope, masking, audit, paging and query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balai.audit.models import AuditEvent
from balai.people.models import Family
from tests.fixtures import OTHER_DISTRICT_VILLAGE, OTHER_REGENCY_VILLAGE, OTHER_VILLAGE, VILLAGE


def masked(nik: str) -> str:
    return nik[:4] + "*" * 8 + nik[-4:]


@pytest.fixture
def operator(make_staff):
    return make_staff("operator_desa", region=VILLAGE, username="sri")


@pytest.fixture
def family(make_resident, regions):
    fam = Family.objects.create(
        regency_code="35.10",
        kk_number="3510052003150007",
        village_id=VILLAGE,
        address="Jl. Raya Muncar 1",
        rt="001",
        rw="002",
    )
    child = make_resident(
        name="Ani Santoso", family=fam, relationship="anak", birth_date=dt.date(2010, 1, 2), sex="P"
    )
    head = make_resident(name="Budi Santoso", family=fam, relationship="kepala_keluarga")
    wife = make_resident(name="Siti Aminah", family=fam, relationship="istri", sex="P")
    return fam, head, wife, child


def test_signed_out_visitors_go_to_login(client, db):
    response = client.get("/penduduk/")
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")


def test_a_role_without_the_register_gets_403(client, make_staff, make_service_point):
    client.force_login(make_staff("petugas_loket", service_point=make_service_point()))
    assert client.get("/penduduk/").status_code == 403


def test_search_by_name_shows_masked_nik_only(client, operator, make_resident):
    resident = make_resident(name="Hasan Basri")
    client.force_login(operator)
    html = client.get("/penduduk/", {"q": "hasan  BASRI"}).content.decode()
    assert "Hasan Basri" in html
    assert masked(resident.nik) in html and resident.nik not in html


def test_search_by_nik_and_by_kk(client, operator, family, make_resident):
    fam, head, wife, child = family
    other = make_resident(name="Orang Lain")
    client.force_login(operator)
    by_nik = client.post("/penduduk/", {"q": wife.nik}).context["page"].object_list
    assert [r.pk for r in by_nik] == [wife.pk]
    by_kk = client.post("/penduduk/", {"q": fam.kk_number}).context["page"].object_list
    assert {r.pk for r in by_kk} == {head.pk, wife.pk, child.pk}
    assert other.pk not in {r.pk for r in by_kk}


def test_list_never_shows_residents_out_of_scope(client, operator, make_resident):
    make_resident(name="Warga Sini")
    for code in (OTHER_VILLAGE, OTHER_DISTRICT_VILLAGE, OTHER_REGENCY_VILLAGE):
        make_resident(village=code, name="Warga Sana")
    client.force_login(operator)
    html = client.get("/penduduk/").content.decode()
    assert "Warga Sini" in html and "Warga Sana" not in html
    # Asking for another village by code is a form error, never its residents.
    response = client.get("/penduduk/", {"village": OTHER_VILLAGE})
    assert "Warga Sana" not in response.content.decode()
    assert response.context["page"].paginator.count == 0


def test_filters_by_village_status_and_segment(client, make_staff, make_resident):
    camat = make_staff("camat", region="35.10.05")
    make_resident(name="Nelayan Sini", occupation="Nelayan")
    make_resident(village=OTHER_VILLAGE, name="Nelayan Sana", occupation="Nelayan")
    make_resident(name="Petani Sini", occupation="Petani")
    make_resident(name="Almarhum Sini", occupation="Nelayan", status="meninggal")
    client.force_login(camat)

    def names(**params):
        page = client.get("/penduduk/", params).context["page"]
        return sorted(r.name for r in page.object_list)

    assert names(village=OTHER_VILLAGE) == ["Nelayan Sana"]
    assert names(segment="nelayan", status="hidup") == ["Nelayan Sana", "Nelayan Sini"]
    assert names(status="meninggal") == ["Almarhum Sini"]
    assert names(village=VILLAGE, segment="petani") == ["Petani Sini"]


def test_list_is_paged(client, operator, make_resident):
    for n in range(30):
        make_resident(name=f"Warga {n:02d}")
    client.force_login(operator)
    first = client.get("/penduduk/")
    assert len(first.context["page"].object_list) == 25
    second = client.get("/penduduk/", {"halaman": 2})
    assert [r.name for r in second.context["page"].object_list] == [
        f"Warga {n:02d}" for n in range(25, 30)
    ]
    assert "halaman=2" in first.content.decode()


def test_list_query_count_does_not_grow_with_rows(client, operator, make_resident):
    client.force_login(operator)
    make_resident(name="Satu")
    with CaptureQueriesContext(connection) as few:
        client.get("/penduduk/")
    for n in range(20):
        make_resident(name=f"Banyak {n}")
    with CaptureQueriesContext(connection) as many:
        client.get("/penduduk/")
    assert len(many) == len(few)


def test_resident_page_shows_full_nik_and_records_the_read(client, operator, family):
    _, head, _, _ = family
    client.force_login(operator)
    html = client.get(f"/penduduk/{head.pk}/").content.decode()
    assert head.nik in html and "3510052003150007" in html
    event = AuditEvent.objects.get(object_type="people.resident")
    assert event.actor == operator and event.object_id == str(head.pk)


def test_resident_out_of_scope_is_404_with_no_data(client, operator, make_resident):
    for code in (OTHER_VILLAGE, OTHER_DISTRICT_VILLAGE, OTHER_REGENCY_VILLAGE):
        far = make_resident(village=code, name="Rahasia Tetangga")
        client.force_login(operator)
        response = client.get(f"/penduduk/{far.pk}/")
        body = response.content.decode()
        assert response.status_code == 404
        assert "Rahasia Tetangga" not in body and far.nik not in body
        assert masked(far.nik) not in body
    assert not AuditEvent.objects.filter(object_type="people.resident").exists()


def test_auditor_may_search_but_not_open_full_records(client, make_staff, make_resident):
    resident = make_resident(name="Hasan")
    client.force_login(make_staff("auditor", region="35.10"))
    assert "Hasan" in client.get("/penduduk/").content.decode()
    assert client.get(f"/penduduk/{resident.pk}/").status_code == 403


def test_family_page_lists_head_first(client, operator, family):
    fam, head, wife, child = family
    client.force_login(operator)
    response = client.get(f"/penduduk/keluarga/{fam.pk}/")
    members = response.context["members"]
    assert [m.pk for m in members] == [head.pk, wife.pk, child.pk]
    html = response.content.decode()
    assert "Kepala keluarga" in html and masked(child.nik) in html and child.nik not in html


def test_family_out_of_scope_is_404(client, make_staff, family):
    fam, head, _, _ = family
    client.force_login(make_staff("operator_desa", region=OTHER_VILLAGE))
    response = client.get(f"/penduduk/keluarga/{fam.pk}/")
    assert response.status_code == 404
    assert fam.kk_number not in response.content.decode()
    assert head.name not in response.content.decode()


def test_pages_have_no_inline_script_or_style(client, operator, family):
    fam, head, _, _ = family
    client.force_login(operator)
    for url in (
        "/",
        "/penduduk/",
        f"/penduduk/{head.pk}/",
        f"/penduduk/keluarga/{fam.pk}/",
        "/wilayah/",
        "/wilayah/35.10/",
    ):
        html = client.get(url).content.decode()
        assert "<script>" not in html and "style=" not in html and "onclick" not in html, url


def test_home_shows_the_scope(client, operator):
    client.force_login(operator)
    html = client.get("/").content.decode()
    assert "Operator desa/kelurahan" in html and "Sumberberas" in html


def test_pages_in_english(client, operator, make_resident):
    make_resident(name="Hasan")
    client.force_login(operator)
    client.cookies["django_language"] = "en"
    html = client.get("/en/penduduk/").content.decode()
    assert "Find residents" in html and "1 resident found" in html
    assert "Village operator" in client.get("/en/").content.decode()
