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
    role = staff_role_add(actor=None, user=user, role="admin_kabupaten", region="35.10")
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
    # The auditor reads through the pages: the role does not open the admin.
    assert not User.objects.get(pk=inside.pk).is_staff


def test_the_register_is_read_only_in_the_admin(client, kab_admin, make_resident):
    # Changes go through people.services, which check the NIK rules and audit them.
    resident = make_resident(name="Warga Tetap")
    client.force_login(kab_admin)
    url = f"/admin/people/resident/{resident.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and 'name="name"' not in page.content.decode()
    response = client.post(url, {"name": "Warga Diubah", "village": OTHER_VILLAGE})
    assert response.status_code == 403
    resident.refresh_from_db()
    assert resident.name == "Warga Tetap" and resident.village_id == VILLAGE
    assert client.get("/admin/people/resident/add/").status_code == 403


def test_kab_admin_cannot_give_roles_to_staff_of_another_regency(client, kab_admin, make_staff):
    jember = make_staff("operator_desa", region=OTHER_REGENCY_VILLAGE, username="jember1")
    client.force_login(kab_admin)
    response = client.post(
        "/admin/accounts/staffrole/add/",
        {"user": jember.pk, "role": "auditor", "region": "35.10"},
    )
    assert response.status_code == 403
    assert not StaffRole.objects.filter(user=jember, role="auditor").exists()


def _family_member(make_resident):
    from balai.people.models import Family

    family = Family.objects.create(
        regency_code="35.10", kk_number="3510051203150007", village_id=VILLAGE
    )
    return make_resident(family=family)


def test_the_auditor_has_no_admin_and_reads_no_full_record_there(client, make_staff, make_resident):
    from balai.accounts.services import staff_sync_admin_access

    resident = _family_member(make_resident)
    auditor = make_staff("auditor", region="35.10")
    staff_sync_admin_access(user=auditor)
    client.force_login(auditor)
    assert client.get(f"/penduduk/{resident.pk}/").status_code == 403
    response = client.get(f"/admin/people/resident/{resident.pk}/change/")
    assert response.status_code == 302
    assert resident.nik not in response.content.decode()
    family = client.get(f"/admin/people/family/{resident.family_id}/change/")
    assert family.status_code == 302


def test_a_full_read_in_the_admin_is_audited_and_lists_mask(client, kab_admin, make_resident):
    from balai.audit.models import AuditEvent

    resident = _family_member(make_resident)
    client.force_login(kab_admin)
    listing = client.get("/admin/people/resident/").content.decode()
    assert resident.nik not in listing and resident.nik[:4] + "********" in listing
    kk = client.get("/admin/people/family/").content.decode()
    assert resident.family.kk_number not in kk
    assert client.get(f"/admin/people/resident/{resident.pk}/change/").status_code == 200
    assert AuditEvent.objects.filter(
        action="people.resident.view_full", object_id=str(resident.pk), actor=kab_admin
    ).exists()
    assert client.get(f"/admin/people/family/{resident.family_id}/change/").status_code == 200
    assert AuditEvent.objects.filter(action="people.family.view_full", actor=kab_admin).exists()
