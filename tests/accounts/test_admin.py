"""The Django admin obeys the same scopes as every page."""

from __future__ import annotations

import pytest

from balai.accounts.models import StaffRole, User
from balai.accounts.services import staff_role_add
from tests.fixtures import OTHER_REGENCY_VILLAGE, OTHER_VILLAGE, VILLAGE


@pytest.fixture
def kab_admin(make_staff):
    user = make_staff("admin_kabupaten", region="35.10", username="kab")
    from balai.accounts.services import staff_sync_admin_access

    staff_sync_admin_access(user=user)
    return user


def test_is_staff_follows_the_roles(make_staff):
    user = make_staff("operator_desa", region=VILLAGE)
    assert not user.is_staff
    role = staff_role_add(actor=None, user=user, role="auditor", region="35.10")
    user.refresh_from_db()
    assert user.is_staff
    role.delete()
    from balai.accounts.services import staff_sync_admin_access

    assert staff_sync_admin_access(user=user) is False
    user.refresh_from_db()
    assert not user.is_staff


def test_a_village_operator_cannot_open_the_admin(client, make_staff):
    client.force_login(make_staff("operator_desa", region=VILLAGE))
    assert client.get("/admin/").status_code == 302


def test_admin_lists_only_residents_in_scope(client, kab_admin, make_resident):
    here = make_resident(village=OTHER_VILLAGE, name="Warga Banyuwangi")
    far = make_resident(village=OTHER_REGENCY_VILLAGE, name="Warga Jember")
    client.force_login(kab_admin)
    html = client.get("/admin/people/resident/").content.decode()
    assert "Warga Banyuwangi" in html and "Warga Jember" not in html
    assert client.get(f"/admin/people/resident/{here.pk}/change/").status_code == 200
    # Out of scope: the admin answers as if the row did not exist.
    response = client.get(f"/admin/people/resident/{far.pk}/change/")
    assert response.status_code in (302, 404)
    assert "Warga Jember" not in response.content.decode()
    assert far.nik not in response.content.decode()


def test_admin_never_deletes_residents(client, kab_admin, make_resident):
    resident = make_resident()
    client.force_login(kab_admin)
    assert client.get(f"/admin/people/resident/{resident.pk}/delete/").status_code == 403


def test_regions_are_read_only_in_the_admin(client, kab_admin):
    client.force_login(kab_admin)
    response = client.get("/admin/regions/region/35.10/change/")
    assert response.status_code == 200
    assert 'name="name"' not in response.content.decode()


def test_kab_admin_manages_staff_of_its_regency_only(client, kab_admin, make_staff):
    inside = make_staff("operator_desa", region=VILLAGE, username="desa1")
    outside = make_staff("operator_desa", region=OTHER_REGENCY_VILLAGE, username="jember1")
    client.force_login(kab_admin)
    listing = client.get("/admin/accounts/user/").content.decode()
    assert "desa1" in listing and "jember1" not in listing
    assert client.get(f"/admin/accounts/user/{inside.pk}/change/").status_code == 200
    assert client.get(f"/admin/accounts/user/{outside.pk}/change/").status_code in (302, 404)
    page = client.get(f"/admin/accounts/user/{inside.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page


def test_kab_admin_cannot_grant_a_role_outside_its_regency(client, kab_admin, make_staff):
    inside = make_staff("operator_desa", region=VILLAGE, username="desa1")
    client.force_login(kab_admin)
    response = client.post(
        "/admin/accounts/staffrole/add/",
        {"user": inside.pk, "role": "admin_kabupaten", "region": "35"},
    )
    assert response.status_code == 403
    assert not StaffRole.objects.filter(user=inside, role="admin_kabupaten").exists()
    response = client.post(
        "/admin/accounts/staffrole/add/",
        {"user": inside.pk, "role": "auditor", "region": "35.10"},
    )
    assert response.status_code == 302
    assert User.objects.get(pk=inside.pk).is_staff


def test_an_edit_that_moves_a_resident_out_of_scope_is_refused(client, kab_admin, make_resident):
    resident = make_resident(name="Warga Pindah")
    client.force_login(kab_admin)
    form = {
        "regency_code": "35.10",
        "nik": resident.nik,
        "name": "Warga Pindah",
        "birth_place": "Banyuwangi",
        "birth_date": "1985-06-04",
        "sex": "L",
        "religion": "islam",
        "marital_status": "kawin",
        "education": "sma",
        "blood_type": "-",
        "status": "hidup",
    }
    url = f"/admin/people/resident/{resident.pk}/change/"
    moved = client.post(url, {**form, "village": OTHER_REGENCY_VILLAGE})
    assert moved.status_code == 403
    resident.refresh_from_db()
    assert resident.village_id == VILLAGE
    kept = client.post(url, {**form, "village": OTHER_VILLAGE, "name": "Warga Tetangga"})
    assert kept.status_code == 302
    resident.refresh_from_db()
    assert resident.village_id == OTHER_VILLAGE and resident.name == "Warga Tetangga"
    from balai.audit.models import AuditEvent

    event = AuditEvent.objects.get(action="admin.change")
    assert event.actor == kab_admin and event.after["name"] == "Warga Tetangga"


def test_kab_admin_cannot_give_roles_to_staff_of_another_regency(client, kab_admin, make_staff):
    jember = make_staff("operator_desa", region=OTHER_REGENCY_VILLAGE, username="jember1")
    client.force_login(kab_admin)
    response = client.post(
        "/admin/accounts/staffrole/add/",
        {"user": jember.pk, "role": "auditor", "region": "35.10"},
    )
    assert response.status_code == 403
    assert not StaffRole.objects.filter(user=jember, role="auditor").exists()
