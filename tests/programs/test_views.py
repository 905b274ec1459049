"""Pages: the public list and tracking need no login and show masked data only; staff pages
follow the viewer's scope."""

from __future__ import annotations

from balai.programs.decisions import application_approve, application_verify
from balai.programs.services import application_submit


def _approved(programmes, resident, operator, owner):
    app = application_submit(
        actor=operator, programme=programmes["ongkir-umkm"], resident=resident, channel="counter"
    ).application
    application_verify(
        actor=operator, application=app, latitude=-8.4, longitude=114.3, checklist={}
    )
    return application_approve(actor=owner, application=app)


def test_public_beneficiary_list_shows_masked_nik_without_login(
    client, programmes, micro_owner, village_operator, owner_officer
):
    _approved(programmes, micro_owner, village_operator, owner_officer)
    page = client.get("/program/ongkir-umkm/penerima/")
    assert page.status_code == 200
    html = page.content.decode()
    assert micro_owner.nik not in html
    assert f"{micro_owner.nik[:4]}********{micro_owner.nik[-4:]}" in html
    assert "Sumberberas" in html and "Agus Salim" in html
    assert client.get("/program/").status_code == 200


def test_tracking_page_shows_the_decision(
    client, programmes, micro_owner, village_operator, owner_officer
):
    app = _approved(programmes, micro_owner, village_operator, owner_officer)
    html = client.get(f"/program/lacak/?kode={app.tracking_code.lower()}").content.decode()
    assert "Disetujui" in html and micro_owner.nik not in html
    assert "tidak ditemukan" in client.get("/program/lacak/?kode=PBXXXX").content.decode()


def test_officer_verifies_and_owner_approves_through_the_pages(
    client, programmes, micro_owner, village_operator, owner_officer, make_staff
):
    app = application_submit(
        actor=village_operator,
        programme=programmes["ongkir-umkm"],
        resident=micro_owner,
        channel="counter",
    ).application
    url = f"/program/permohonan/{app.tracking_code}/"
    outsider = make_staff("operator_desa", region="35.10.01.2001")
    client.force_login(outsider)
    assert client.get(url).status_code == 404  # outside the officer's village
    client.force_login(village_operator)
    assert client.get(url).status_code == 200
    answer = client.post(url + "tindakan/", {"action": "verify", "usaha_ada": "1"}, follow=True)
    assert "Posisi GPS belum didapat" in answer.content.decode()
    client.post(
        url + "tindakan/", {"action": "verify", "usaha_ada": "1", "lat": "-8.44", "lon": "114.33"}
    )
    app.refresh_from_db()
    assert app.status == "verified" and app.checklist["usaha_ada"] is True
    assert str(app.latitude) == "-8.440000" and app.verified_at is not None
    client.post(url + "tindakan/", {"action": "approve"})
    app.refresh_from_db()
    assert app.status == "verified"  # a village desk cannot decide
    client.force_login(owner_officer)
    client.post(url + "tindakan/", {"action": "approve"})
    app.refresh_from_db()
    assert app.status == "approved"
    dash = client.get("/program/dasbor/").content.decode()
    assert "Rp600000" in dash and micro_owner.nik not in dash


def test_dashboard_needs_the_programme_permission(client, make_staff):
    client.force_login(make_staff("pimpinan", region="35.10"))
    assert client.get("/program/dasbor/").status_code == 404


def test_demo_opens_both_programmes_with_qualifying_and_refused_applicants(
    owner_agency, make_resident
):
    from balai.programs.demo import programs_demo_create
    from balai.regions.models import Region

    for i in range(10):
        make_resident(name=f"Warga {i}")
    made = programs_demo_create(regency=Region.objects.get(code="35.10"))
    assert made["accepted"] == 6 and made["refused"] == 4 and made["redeemed"] == 72
