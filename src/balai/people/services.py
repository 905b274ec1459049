"""Changes to the population register. Each validates everything first, then writes inside one
transaction together with its audit event; the acting user is always passed explicitly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.throttle import Rule, throttle_take
from balai.audit.services import audit_record
from balai.people.choices import Relationship, ResidentStatus
from balai.people.errors import FieldError, RegisterError
from balai.people.models import Family, Resident
from balai.people.nik import mask_nik
from balai.people.rules import kk_field_errors, record_nik_remarks, resident_errors
from balai.regions.choices import Level
from balai.regions.models import Region, name_key, regency_code_of

# The fields a caller may set on a resident; `village_code` stands for the village foreign key.
RESIDENT_FIELDS = (
    "nik",
    "name",
    "birth_place",
    "birth_date",
    "sex",
    "religion",
    "marital_status",
    "education",
    "occupation",
    "blood_type",
    "disability",
    "village_code",
    "dusun",
    "rt",
    "rw",
    "address",
    "phone",
)
FAMILY_FIELDS = ("kk_number", "village_code", "dusun", "rt", "rw", "address")


class _VillageTable:
    """`code in villages` asked of the region table: only village-level codes count."""

    def __contains__(self, code: object) -> bool:
        return Region.objects.filter(code=code, level=Level.VILLAGE).exists()


def _today() -> dt.date:
    return timezone.localdate()


def _values(obj: Resident | Family, fields: tuple[str, ...]) -> dict[str, Any]:
    return {f: obj.village_id if f == "village_code" else getattr(obj, f) for f in fields}


def _snapshot(obj: Resident | Family, fields: tuple[str, ...]) -> dict[str, Any]:
    """The fields as the audit record holds them (dates as ISO text)."""
    return {
        k: v.isoformat() if isinstance(v, dt.date) else v for k, v in _values(obj, fields).items()
    }


def _diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict, dict]:
    changed = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in changed}, {k: after[k] for k in changed}


def _apply(resident: Resident, data: Mapping[str, Any]) -> None:
    for field in RESIDENT_FIELDS:
        if field not in data:
            continue
        if field == "village_code":
            resident.village_id = data[field]
            resident.regency_code = regency_code_of(data[field])
        else:
            setattr(resident, field, data[field] if data[field] is not None else "")
    resident.name_key = name_key(resident.name)
    resident.nik_remarks = record_nik_remarks(
        {"nik": resident.nik, "birth_date": resident.birth_date, "sex": resident.sex},
        today=_today(),
    )


def _check_resident(data: Mapping[str, Any], *, exclude_pk: int | None = None) -> None:
    errors = resident_errors(data, districts=None, villages=_VillageTable(), today=_today())
    nik, village = data.get("nik"), data.get("village_code")
    if not errors and nik and village:
        # One registration per NIK in a regency (the Resident model's unique constraint).
        taken = Resident.objects.filter(regency_code=regency_code_of(village), nik=nik)
        if taken.exclude(pk=exclude_pk).exists():
            errors.append(FieldError("nik", "nik_taken", _("NIK sudah terdaftar.")))
    if errors:
        raise RegisterError(errors)


def resident_create(*, actor: Any, data: Mapping[str, Any]) -> Resident:
    """Register a resident; `data` holds RESIDENT_FIELDS (typed: dates as date, sex "L"/"P")."""
    unknown = set(data) - set(RESIDENT_FIELDS)
    if unknown:
        raise ValueError(f"unknown resident fields: {sorted(unknown)}")
    data = {"blood_type": "-", **data}
    _check_resident(data)
    resident = Resident()
    _apply(resident, data)
    with transaction.atomic():
        resident.save()
        audit_record(
            actor=actor,
            action="people.resident.create",
            obj=resident,
            region_code=resident.village_id,
            after=_snapshot(resident, RESIDENT_FIELDS),
        )
    return resident


def resident_update(*, actor: Any, resident: Resident, changes: Mapping[str, Any]) -> Resident:
    """Change some fields; the whole record is checked again, and only the changes are audited."""
    unknown = set(changes) - set(RESIDENT_FIELDS)
    if unknown:
        raise ValueError(f"unknown resident fields: {sorted(unknown)}")
    with transaction.atomic():
        resident = Resident.objects.select_for_update().get(pk=resident.pk)
        before = _snapshot(resident, RESIDENT_FIELDS)
        _check_resident({**_values(resident, RESIDENT_FIELDS), **changes}, exclude_pk=resident.pk)
        if resident.family_id and "village_code" in changes:
            family_regency = regency_code_of(resident.family.village_id)
            if regency_code_of(changes["village_code"]) != family_regency:
                raise RegisterError(
                    [FieldError("village_code", "family_regency", _("Keluarga di kabupaten lain."))]
                )
        _apply(resident, changes)
        old, new = _diff(before, _snapshot(resident, RESIDENT_FIELDS))
        if new:
            resident.save()
            audit_record(
                actor=actor,
                action="people.resident.update",
                obj=resident,
                region_code=resident.village_id,
                before=old,
                after=new,
            )
    return resident


def resident_set_status(
    *, actor: Any, resident: Resident, status: str, on: dt.date | None = None
) -> Resident:
    """Living, deceased or moved out; a death or a move carries its date."""
    errors = []
    if status not in ResidentStatus.values:
        errors.append(FieldError("status", "choice", _("Pilihan tidak dikenal.")))
    elif status != ResidentStatus.LIVING and on is None:
        errors.append(FieldError("status_date", "required", _("Tanggal wajib diisi.")))
    elif on is not None and (on > _today() or on < resident.birth_date):
        errors.append(FieldError("status_date", "date", _("Tanggal tidak masuk akal.")))
    if errors:
        raise RegisterError(errors)
    on = None if status == ResidentStatus.LIVING else on
    with transaction.atomic():
        resident = Resident.objects.select_for_update().get(pk=resident.pk)
        before = {"status": resident.status, "status_date": resident.status_date}
        resident.status, resident.status_date = status, on
        resident.save(update_fields=["status", "status_date", "updated_at"])
        audit_record(
            actor=actor,
            action="people.resident.set_status",
            obj=resident,
            region_code=resident.village_id,
            before=before,
            after={"status": status, "status_date": on},
        )
    return resident


def resident_open_full_record(*, viewer: Any, resident: Resident) -> None:
    """UU 27/2022: every read of a full record is recorded (who saw whose record, when)."""
    with transaction.atomic():
        audit_record(
            actor=viewer,
            action="people.resident.view_full",
            obj=resident,
            region_code=resident.village_id,
        )


def resident_search_take(*, viewer: Any) -> int:
    """Counts one register search by `viewer`: 0 when it may run, else seconds to wait.

    A limit per staff member bounds how fast anyone can walk the register (finding: masked
    NIKs recovered through search).
    """
    rule = Rule(limit=settings.PEOPLE_SEARCH_PER_MINUTE, window_seconds=60)
    return throttle_take(key=f"search:{viewer.pk}", rule=rule, now=timezone.now())


def resident_search_record(*, viewer: Any, query: str, found: list[int]) -> None:
    """UU 27/2022: a search by a whole NIK or KK number is a read of whose record it finds."""
    number = "".join(query.split())
    if len(number) != 16:
        return
    with transaction.atomic():
        audit_record(
            actor=viewer,
            action="people.resident.searched_number",
            object_type="people.resident",
            object_id=",".join(str(pk) for pk in found[:20]),
            after={"number": mask_nik(number), "found": len(found)},
        )


def family_open_full_record(*, viewer: Any, family: Family) -> None:
    """UU 27/2022: opening a family register (its KK number and members) is recorded too."""
    with transaction.atomic():
        audit_record(
            actor=viewer,
            action="people.family.view_full",
            obj=family,
            region_code=family.village_id,
        )


def family_create(*, actor: Any, data: Mapping[str, Any]) -> Family:
    """Open a family register (KK) in a village; `data` holds FAMILY_FIELDS."""
    kk_number, village = data.get("kk_number"), data.get("village_code")
    errors = [
        FieldError(f, "required", _("Wajib diisi."))
        for f in ("kk_number", "village_code")
        if not data.get(f)
    ]
    errors += kk_field_errors(kk_number, districts=None, today=_today())
    if village and village not in _VillageTable():
        errors.append(FieldError("village_code", "village", _("Desa/kelurahan tidak dikenal.")))
    regency = regency_code_of(village) if village else None
    if not errors and Family.objects.filter(regency_code=regency, kk_number=kk_number).exists():
        errors.append(FieldError("kk_number", "kk_taken", _("Nomor KK sudah terdaftar.")))
    if errors:
        raise RegisterError(errors)
    family = Family(
        regency_code=regency,
        kk_number=kk_number,
        village_id=village,
        **{f: data.get(f) or "" for f in ("dusun", "rt", "rw", "address")},
    )
    with transaction.atomic():
        family.save()
        audit_record(
            actor=actor,
            action="people.family.create",
            obj=family,
            region_code=village,
            after=_snapshot(family, FAMILY_FIELDS),
        )
    return family


def _head_taken(family: Family, *, other_than: Resident) -> bool:
    heads = family.members.filter(relationship=Relationship.HEAD)
    return heads.exclude(pk=other_than.pk).exists()


def family_add_member(
    *, actor: Any, family: Family, resident: Resident, relationship: str
) -> Resident:
    """Put a resident on a family register with their relationship to its head."""
    errors = []
    if relationship not in Relationship.values:
        errors.append(FieldError("relationship", "choice", _("Pilihan tidak dikenal.")))
    if resident.regency_code != family.regency_code:
        errors.append(
            FieldError("family", "family_regency", _("Keluarga terdaftar di kabupaten lain."))
        )
    with transaction.atomic():
        family = Family.objects.select_for_update().get(pk=family.pk)
        if relationship == Relationship.HEAD and _head_taken(family, other_than=resident):
            errors.append(
                FieldError("relationship", "family_has_head", _("Keluarga sudah punya kepala."))
            )
        if errors:
            raise RegisterError(errors)
        resident = Resident.objects.select_for_update().get(pk=resident.pk)
        before = {"family": resident.family_id, "relationship": resident.relationship}
        resident.family, resident.relationship = family, relationship
        resident.save(update_fields=["family", "relationship", "updated_at"])
        audit_record(
            actor=actor,
            action="people.family.add_member",
            obj=family,
            region_code=family.village_id,
            before=before,
            after={"resident": resident.pk, "family": family.pk, "relationship": relationship},
        )
    return resident


def family_set_head(
    *,
    actor: Any,
    family: Family,
    resident: Resident,
    former_head_relationship: str = Relationship.OTHER,
) -> Resident:
    """Make a member the head; the former head, if any, takes `former_head_relationship`."""
    if former_head_relationship == Relationship.HEAD or (
        former_head_relationship not in Relationship.values
    ):
        raise RegisterError(
            [FieldError("former_head_relationship", "choice", _("Pilihan tidak dikenal."))]
        )
    with transaction.atomic():
        family = Family.objects.select_for_update().get(pk=family.pk)
        if not family.members.filter(pk=resident.pk).exists():
            raise RegisterError(
                [FieldError("resident", "not_member", _("Penduduk bukan anggota keluarga ini."))]
            )
        former = family.members.filter(relationship=Relationship.HEAD).exclude(pk=resident.pk)
        former_pk = former.values_list("pk", flat=True).first()
        # The former head steps down first: the one-head constraint holds at every statement.
        former.update(relationship=former_head_relationship, updated_at=timezone.now())
        Resident.objects.filter(pk=resident.pk).update(
            relationship=Relationship.HEAD, updated_at=timezone.now()
        )
        audit_record(
            actor=actor,
            action="people.family.set_head",
            obj=family,
            region_code=family.village_id,
            before={"head": former_pk},
            after={"head": resident.pk, "former_head_relationship": former_head_relationship},
        )
    resident.refresh_from_db()
    return resident
