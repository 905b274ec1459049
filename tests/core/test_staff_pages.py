"""The shared frame for staff: navigation, the dashboard, refusal pages and the region tree."""

from __future__ import annotations

from tests.fixtures import VILLAGE


def test_nav_for_a_signed_out_visitor_offers_the_login(client, db):
    html = client.get("/").content.decode()
    assert 'href="/akun/masuk/"' in html
    assert "/penduduk/" not in html


def test_nav_for_staff_has_sign_out_as_a_form(client, make_staff):
    client.force_login(make_staff("operator_desa", region=VILLAGE))
    html = client.get("/").content.decode()
    assert 'action="/akun/keluar/"' in html and 'method="post"' in html
    assert "/admin/" not in html  # a village operator has no admin link


def test_admin_roles_see_the_admin_link(client, make_staff):
    from balai.accounts.services import staff_sync_admin_access

    user = make_staff("admin_kabupaten", region="35.10")
    staff_sync_admin_access(user=user)
    client.force_login(user)
    assert 'href="/admin/"' in client.get("/").content.decode()


def test_refusal_pages_are_indonesian_and_carry_no_data(client, make_staff, make_service_point):
    client.force_login(make_staff("petugas_loket", service_point=make_service_point()))
    forbidden = client.get("/penduduk/")
    assert forbidden.status_code == 403
    assert "Tidak berwenang" in forbidden.content.decode()
    missing = client.get("/penduduk/999999/")
    assert missing.status_code == 403  # the role check comes before the lookup
    client.force_login(make_staff("operator_desa", region=VILLAGE))
    missing = client.get("/penduduk/999999/")
    assert missing.status_code == 404
    assert "di luar wilayah kerja Anda" in missing.content.decode()


def test_region_tree_walks_down_to_villages(client, make_staff):
    client.force_login(make_staff("operator_desa", region=VILLAGE))
    top = client.get("/wilayah/").content.decode()
    assert 'href="/wilayah/35/"' in top
    district = client.get("/wilayah/35.10.05/")
    html = district.content.decode()
    assert "Muncar" in html and 'href="/wilayah/35.10.05.2001/"' in html
    assert [a.code for a in district.context["ancestors"]] == ["35", "35.10"]
    assert client.get("/wilayah/99.99/").status_code == 404


def test_region_tree_needs_sign_in(client, db):
    response = client.get("/wilayah/")
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
