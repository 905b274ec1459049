"""The register's services: every rule checked before anything is written, each change audited."""

from __future__ import annotations

import datetime as dt

import pytest

from balai.audit.models import AuditEvent
from balai.people.choices import Relationship, ResidentStatus
from balai.people.errors import RegisterError
from balai.people.models import Family, Resident
from balai.people.nik import nik_compose
from balai.people.services import (
    family_add_member,
    family_create,
    family_set_head,
    resident_create,
    resident_open_full_record,
    resident_set_status,
    resident_update,
)
from tests.fixtures import OTHER_REGENCY_VILLAGE, VILLAGE

BIRTH = dt.date(1985, 6, 4)


def resident_data(**overrides):
    data = dict(
        nik=nik_compose(district_code="35.10.05", birth_date=BIRTH, sex="P", serial=7),
        name="Siti Aminah",
        birth_place="Banyuwangi",
        birth_date=BIRTH,
        sex="P",
        religion="islam",
        marital_status="kawin_tercatat",
        education="sma",
        occupation="Nelayan",
        village_code=VILLAGE,
        rt="001",
        rw="002",
    )
    data.update(overrides)
    return data


def codes(exc: pytest.ExceptionInfo) -> set[tuple[str, str]]:
    return {(e["field"], e["code"]) for e in exc.value.as_list()}


@pytest.fixture
def operator(make_staff):
    return make_staff("operator_desa", region=VILLAGE)


def test_create_derives_regency_and_audits(regions, operator):
    resident = resident_create(actor=operator, data=resident_data())
    assert resident.regency_code == "35.10"
    assert resident.name_key == "sitiaminah"
    event = AuditEvent.objects.get(action="people.resident.create")
    assert event.actor == operator
    assert event.object_id == str(resident.pk)
    assert event.region_code == VILLAGE
    assert event.after["birth_date"] == "1985-06-04"
    assert event.after["nik"] == resident.nik


def test_create_reports_every_problem_and_writes_nothing(regions, operator):
    data = resident_data(birth_date=dt.date(2030, 6, 5), religion="jedi", name="")
    with pytest.raises(RegisterError) as caught:
        resident_create(actor=operator, data=data)
    assert codes(caught) == {
        ("birth_date", "future"),
        ("religion", "choice"),
        ("name", "required"),
    }
    assert all(e["message"] for e in caught.value.as_list())
    assert not Resident.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="people.").exists()


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"nik": "35100544068500"}, ("nik", "length")),
        ({"nik": "3599054406850007"}, ("nik", "region")),
        ({"nik": "3510054406850000"}, ("nik", "serial")),
        ({"village_code": "35.10.05"}, ("village_code", "village")),  # a district, not a village
        ({"village_code": "35.10.05.9999"}, ("village_code", "village")),
    ],
)
def test_create_refuses_bad_numbers_and_places(regions, operator, overrides, expected):
    with pytest.raises(RegisterError) as caught:
        resident_create(actor=operator, data=resident_data(**overrides))
    assert expected in codes(caught)


def test_nik_once_per_regency(regions, operator):
    resident_create(actor=operator, data=resident_data())
    with pytest.raises(RegisterError) as caught:
        resident_create(actor=operator, data=resident_data(name="Lain"))
    assert codes(caught) == {("nik", "nik_taken")}
    # Another regency registers the same person on their own (a move is a new registration).
    other = resident_create(actor=operator, data=resident_data(village_code=OTHER_REGENCY_VILLAGE))
    assert other.regency_code == "35.09"


def test_update_audits_only_the_changed_fields(regions, operator):
    resident = resident_create(actor=operator, data=resident_data())
    resident_update(
        actor=operator, resident=resident, changes={"occupation": "Pedagang", "rt": "001"}
    )
    event = AuditEvent.objects.get(action="people.resident.update")
    assert event.before == {"occupation": "Nelayan"}
    assert event.after == {"occupation": "Pedagang"}
    resident_update(actor=operator, resident=resident, changes={"occupation": "Pedagang"})
    assert AuditEvent.objects.filter(action="people.resident.update").count() == 1


def test_update_checks_the_whole_record(regions, operator):
    resident = resident_create(actor=operator, data=resident_data())
    with pytest.raises(RegisterError) as caught:
        resident_update(actor=operator, resident=resident, changes={"sex": "X"})
    assert codes(caught) == {("sex", "choice")}
    resident.refresh_from_db()
    assert resident.sex == "P"


def test_a_record_that_disagrees_with_its_nik_is_kept_with_a_remark(regions, operator):
    # The NIK is permanent: a sex or birth date corrected after issue leaves it unchanged.
    resident = resident_create(actor=operator, data=resident_data())
    assert resident.nik_remarks == ""
    resident_update(actor=operator, resident=resident, changes={"sex": "L"})
    resident.refresh_from_db()
    assert (resident.sex, resident.nik_remarks) == ("L", "nik_sex")
    resident_update(
        actor=operator, resident=resident, changes={"sex": "P", "birth_date": dt.date(1985, 7, 4)}
    )
    resident.refresh_from_db()
    assert resident.nik_remarks == "nik_birth_date"


def test_status_needs_a_date_for_death_and_move(regions, operator):
    resident = resident_create(actor=operator, data=resident_data())
    with pytest.raises(RegisterError) as caught:
        resident_set_status(actor=operator, resident=resident, status=ResidentStatus.DECEASED)
    assert codes(caught) == {("status_date", "required")}
    with pytest.raises(RegisterError):
        resident_set_status(
            actor=operator, resident=resident, status="pindah", on=dt.date(1970, 1, 1)
        )
    on = dt.date(2026, 1, 2)
    resident_set_status(actor=operator, resident=resident, status="pindah", on=on)
    resident.refresh_from_db()
    assert (resident.status, resident.status_date) == ("pindah", on)
    event = AuditEvent.objects.get(action="people.resident.set_status")
    assert event.before == {"status": "hidup", "status_date": None}
    assert event.after == {"status": "pindah", "status_date": "2026-01-02"}
    resident_set_status(actor=operator, resident=resident, status="hidup")
    resident.refresh_from_db()
    assert (resident.status, resident.status_date) == ("hidup", None)


def test_full_record_read_is_recorded(regions, operator):
    resident = resident_create(actor=operator, data=resident_data())
    resident_open_full_record(viewer=operator, resident=resident)
    event = AuditEvent.objects.get(action="people.resident.view_full")
    assert (event.actor, event.object_id) == (operator, str(resident.pk))


def family_data(**overrides):
    data = dict(kk_number="3510051201200001", village_code=VILLAGE, dusun="Krajan")
    data.update(overrides)
    return data


def test_family_create_checks_kk_and_village(regions, operator):
    family = family_create(actor=operator, data=family_data())
    assert family.regency_code == "35.10"
    assert AuditEvent.objects.filter(action="people.family.create").count() == 1
    with pytest.raises(RegisterError) as caught:
        family_create(actor=operator, data=family_data())
    assert codes(caught) == {("kk_number", "kk_taken")}
    with pytest.raises(RegisterError) as caught:
        family_create(actor=operator, data=family_data(kk_number="3510055201200001"))
    assert codes(caught) == {("kk_number", "date")}
    with pytest.raises(RegisterError) as caught:
        family_create(actor=operator, data=family_data(kk_number="", village_code="35.10"))
    assert codes(caught) == {("kk_number", "required"), ("village_code", "village")}
    assert Family.objects.count() == 1


def test_one_head_per_family(regions, operator):
    family = family_create(actor=operator, data=family_data())
    husband_nik = nik_compose(district_code="35.10.05", birth_date=BIRTH, sex="L", serial=8)
    husband = resident_create(
        actor=operator, data=resident_data(nik=husband_nik, sex="L", name="Ahmad")
    )
    wife = resident_create(actor=operator, data=resident_data())
    family_add_member(
        actor=operator, family=family, resident=husband, relationship="kepala_keluarga"
    )
    with pytest.raises(RegisterError) as caught:
        family_add_member(
            actor=operator, family=family, resident=wife, relationship="kepala_keluarga"
        )
    assert codes(caught) == {("relationship", "family_has_head")}
    family_add_member(actor=operator, family=family, resident=wife, relationship="istri")
    family_set_head(actor=operator, family=family, resident=wife, former_head_relationship="suami")
    husband.refresh_from_db()
    wife.refresh_from_db()
    assert (wife.relationship, husband.relationship) == (Relationship.HEAD, "suami")
    event = AuditEvent.objects.get(action="people.family.set_head")
    assert event.before == {"head": husband.pk}
    assert family.members.filter(relationship=Relationship.HEAD).count() == 1


def test_family_head_must_be_a_member(regions, operator):
    family = family_create(actor=operator, data=family_data())
    outsider = resident_create(actor=operator, data=resident_data())
    with pytest.raises(RegisterError) as caught:
        family_set_head(actor=operator, family=family, resident=outsider)
    assert codes(caught) == {("resident", "not_member")}


def test_family_and_member_in_the_same_regency(regions, operator):
    family = family_create(actor=operator, data=family_data())
    elsewhere = resident_create(
        actor=operator, data=resident_data(village_code=OTHER_REGENCY_VILLAGE)
    )
    with pytest.raises(RegisterError) as caught:
        family_add_member(actor=operator, family=family, resident=elsewhere, relationship="anak")
    assert codes(caught) == {("family", "family_regency")}
    elsewhere.refresh_from_db()
    assert elsewhere.family_id is None
