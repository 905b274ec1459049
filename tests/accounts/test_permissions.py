"""The one permission function, as a table: role × where the row lies × permission.

Expected values are written out here by hand (not read from accounts.roles), so a change to
the role table that widens or narrows a role shows up as a failing row.
"""

from __future__ import annotations

import pytest

from balai.accounts.permissions import can, has_perm_anywhere, restrict
from balai.accounts.roles import ROLE_PERMISSIONS, Role
from balai.people.models import Resident
from tests.fixtures import OTHER_DISTRICT_VILLAGE, OTHER_REGENCY_VILLAGE, OTHER_VILLAGE, VILLAGE

PLACES = {
    "village": VILLAGE,
    "other_village_same_district": OTHER_VILLAGE,
    "other_district": OTHER_DISTRICT_VILLAGE,
    "other_regency": OTHER_REGENCY_VILLAGE,
}
PEOPLE_PERMS = ("people.view_resident", "people.view_resident_full", "people.change_resident")

# role -> (scope kind, places reached, people permissions held)
EXPECTED = {
    Role.OPERATOR_DESA: ("village", {"village"}, set(PEOPLE_PERMS)),
    Role.KEPALA_DESA: (
        "village",
        {"village"},
        {"people.view_resident", "people.view_resident_full"},
    ),
    Role.OPERATOR_KECAMATAN: (
        "district",
        {"village", "other_village_same_district"},
        {"people.view_resident", "people.view_resident_full"},
    ),
    Role.CAMAT: (
        "district",
        {"village", "other_village_same_district"},
        {"people.view_resident", "people.view_resident_full"},
    ),
    Role.ADMIN_KABUPATEN: (
        "regency",
        {"village", "other_village_same_district", "other_district"},
        set(PEOPLE_PERMS),
    ),
    Role.AUDITOR: (
        "regency",
        {"village", "other_village_same_district", "other_district"},
        {"people.view_resident"},
    ),
    # The regent's role reads figures: the region tree, no resident.
    Role.PIMPINAN: (
        "regency",
        {"village", "other_village_same_district", "other_district"},
        set(),
    ),
    # The inspectorate handles conduct complaints across the regency; it reads no resident.
    Role.INSPEKTORAT: (
        "regency",
        {"village", "other_village_same_district", "other_district"},
        set(),
    ),
    # Agency and service-point roles reach no resident: the register is placed by village.
    Role.PETUGAS_INSTANSI: ("agency", set(), set()),
    Role.KEPALA_INSTANSI: ("agency", set(), set()),
    Role.PETUGAS_LOKET: ("service_point", set(), set()),
    Role.ADMIN_MPP: ("service_point", set(), set()),
}


def _staff(make_staff, make_agency, make_service_point, role, kind):
    if kind == "village":
        return make_staff(role, region=VILLAGE)
    if kind == "district":
        return make_staff(role, region="35.10.05")
    if kind == "regency":
        return make_staff(role, region="35.10")
    if kind == "agency":
        return make_staff(role, agency=make_agency())
    return make_staff(role, service_point=make_service_point())


def test_every_role_is_in_the_table():
    assert set(EXPECTED) == set(Role)


@pytest.mark.parametrize("role", list(Role))
def test_role_by_place_by_permission(
    role, make_staff, make_agency, make_service_point, make_resident
):
    kind, reached, perms = EXPECTED[role]
    user = _staff(make_staff, make_agency, make_service_point, role, kind)
    residents = {name: make_resident(village=code) for name, code in PLACES.items()}
    wrong = []
    for perm in PEOPLE_PERMS:
        visible = set(restrict(user, perm, Resident.objects.all()).values_list("pk", flat=True))
        for place, resident in residents.items():
            expected = perm in perms and place in reached
            if can(user, perm, resident) != expected:
                wrong.append(("can", perm, place, not expected))
            if (resident.pk in visible) != expected:
                wrong.append(("restrict", perm, place, not expected))
    assert wrong == []


@pytest.mark.parametrize("role", list(Role))
def test_region_view_by_place(role, make_staff, make_agency, make_service_point, regions):
    from balai.regions.models import Region

    kind, reached, _ = EXPECTED[role]
    user = _staff(make_staff, make_agency, make_service_point, role, kind)
    visible = set(
        restrict(user, "regions.view", Region.objects.filter(code__in=PLACES.values())).values_list(
            "code", flat=True
        )
    )
    assert visible == {PLACES[place] for place in reached}
    for place, code in PLACES.items():
        assert can(user, "regions.view", Region.objects.get(code=code)) == (place in reached)


@pytest.mark.parametrize("role", list(Role))
def test_permission_anywhere_follows_the_role_table(
    role, make_staff, make_agency, make_service_point
):
    kind = EXPECTED[role][0]
    user = _staff(make_staff, make_agency, make_service_point, role, kind)
    for perm in {p for perms in ROLE_PERMISSIONS.values() for p in perms}:
        assert has_perm_anywhere(user, perm) == (perm in ROLE_PERMISSIONS[role]), perm


def test_signed_out_inactive_and_roleless_users_get_nothing(make_staff, make_resident):
    from django.contrib.auth.models import AnonymousUser

    from balai.accounts.models import User

    resident = make_resident()
    inactive = make_staff(Role.ADMIN_KABUPATEN, region="35.10")
    inactive.is_active = False
    inactive.save()
    roleless = User.objects.create_user(username="tanpaperan", password="x")
    for user in (AnonymousUser(), inactive, roleless, None):
        assert not can(user, "people.view_resident", resident)
        assert not restrict(user, "people.view_resident", Resident.objects.all()).exists()


def test_a_superuser_sees_everything(make_resident, db):
    from balai.accounts.models import User

    root = User.objects.create_superuser(username="root", password="x")
    resident = make_resident(village=OTHER_REGENCY_VILLAGE)
    assert can(root, "people.change_resident", resident)
    assert restrict(root, "people.view_resident", Resident.objects.all()).count() == 1


def test_two_roles_add_up(make_staff, make_resident):
    from balai.accounts.models import StaffRole

    user = make_staff(Role.OPERATOR_DESA, region=VILLAGE)
    StaffRole.objects.create(user=user, role=Role.CAMAT, region_id="35.10.01")
    user = type(user).objects.get(pk=user.pk)
    here, far = make_resident(village=VILLAGE), make_resident(village=OTHER_DISTRICT_VILLAGE)
    assert can(user, "people.change_resident", here)
    # camat in 35.10.01 may view but not change there
    assert can(user, "people.view_resident", far)
    assert not can(user, "people.change_resident", far)


# Roles that administer data and so open the Django admin; every other role has no admin.
ADMIN_ROLES = {Role.ADMIN_KABUPATEN, Role.ADMIN_MPP}


@pytest.mark.parametrize("role", list(Role))
def test_the_admin_follows_the_same_matrix(
    role, client, make_staff, make_agency, make_service_point, make_resident
):
    """Role × place in the Django admin: a full record opens only where the page would open
    it, each opening is an audit event, and lists show the NIK masked."""
    from balai.accounts.services import staff_sync_admin_access
    from balai.audit.models import AuditEvent

    kind, reached, perms = EXPECTED[role]
    user = _staff(make_staff, make_agency, make_service_point, role, kind)
    staff_sync_admin_access(user=user)
    client.force_login(user)
    residents = {name: make_resident(village=code) for name, code in PLACES.items()}
    index = client.get("/admin/")
    assert (index.status_code == 200) == (role in ADMIN_ROLES)
    listing = client.get("/admin/people/resident/")
    for place, resident in residents.items():
        opens = role in ADMIN_ROLES and "people.view_resident_full" in perms and place in reached
        response = client.get(f"/admin/people/resident/{resident.pk}/change/")
        page = response.content.decode()
        assert (response.status_code == 200) == opens, place
        assert (resident.nik in page) == opens, place
        read = AuditEvent.objects.filter(
            action="people.resident.view_full", object_id=str(resident.pk), actor=user
        )
        assert read.exists() == opens, place
        if listing.status_code == 200:
            assert resident.nik not in listing.content.decode()
