"""Checks of a resident's fields that hold with or without a database at hand.

Services call these with lookups that ask the region table; the resident import calls them with
sets loaded once, so a regency of rows costs no per-row query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

from django.utils.translation import gettext as _

from balai.people.choices import (
    BloodType,
    Education,
    MaritalStatus,
    Relationship,
    Religion,
    ResidentStatus,
    Sex,
)
from balai.people.errors import FieldError, field_errors
from balai.people.nik import (
    DistrictCheck,
    InvalidNumber,
    kk_errors,
    nik_parse,
    nik_remarks,
)

# Frozen once: TextChoices.values builds a new list on every call, and the import asks a
# million times.
CHOICES = {
    field: frozenset(choices.values)
    for field, choices in {
        "sex": Sex,
        "religion": Religion,
        "marital_status": MaritalStatus,
        "education": Education,
        "blood_type": BloodType,
        "relationship": Relationship,
        "status": ResidentStatus,
    }.items()
}
REQUIRED = ("nik", "name", "birth_place", "birth_date", "sex", "religion", "marital_status")
REQUIRED += ("education", "village_code")
MAX_LENGTHS = {
    "name": 120,
    "birth_place": 80,
    "occupation": 80,
    "disability": 80,
    "dusun": 80,
    "rt": 3,
    "rw": 3,
    "address": 200,
    "phone": 20,
}


def required_errors(data: Mapping[str, Any]) -> list[FieldError]:
    return [
        FieldError(field, "required", _("Wajib diisi."))
        for field in REQUIRED
        if data.get(field) in (None, "")
    ]


def choice_errors(data: Mapping[str, Any]) -> list[FieldError]:
    errors = []
    for field, choices in CHOICES.items():
        value = data.get(field)
        if value not in (None, "") and value not in choices:
            errors.append(FieldError(field, "choice", _("Pilihan tidak dikenal.")))
    for field, limit in MAX_LENGTHS.items():
        if len(str(data.get(field) or "")) > limit:
            errors.append(
                FieldError(field, "too_long", _("Paling banyak %(n)d karakter.") % {"n": limit})
            )
    return errors


def nik_field_errors(
    data: Mapping[str, Any], *, districts: DistrictCheck, today: dt.date
) -> list[FieldError]:
    """The NIK's own rules. Its agreement with the birth date and sex is a remark, not an
    error (see `record_nik_remarks`)."""
    nik = data.get("nik")
    if not nik:
        return []
    try:
        nik_parse(str(nik), districts=districts, today=today)
    except InvalidNumber as exc:
        return field_errors("nik", exc.errors)
    return []


def record_nik_remarks(data: Mapping[str, Any], *, today: dt.date) -> str:
    """The remarks a valid record carries about its NIK, as the comma-joined codes the
    Resident's `nik_remarks` stores ("" when the record and its NIK agree)."""
    nik = data.get("nik")
    if not nik:
        return ""
    try:
        # The district was checked with the record; here only the date and sex parts matter.
        info = nik_parse(str(nik), districts=lambda _code: True, today=today)
    except InvalidNumber:
        return ""
    return ",".join(nik_remarks(info, birth_date=data.get("birth_date"), sex=data.get("sex")))


def village_errors(code: str | None, *, villages: Collection[str]) -> list[FieldError]:
    if code and code not in villages:
        return [FieldError("village_code", "village", _("Desa/kelurahan tidak dikenal."))]
    return []


def kk_field_errors(
    kk_number: str | None, *, districts: DistrictCheck, today: dt.date
) -> list[FieldError]:
    if not kk_number:
        return []
    return field_errors("kk_number", kk_errors(str(kk_number), districts=districts, today=today))


def birth_date_errors(data: Mapping[str, Any], *, today: dt.date) -> list[FieldError]:
    birth_date = data.get("birth_date")
    if isinstance(birth_date, dt.date) and birth_date > today:
        return [FieldError("birth_date", "future", _("Tanggal lahir tidak boleh di masa depan."))]
    return []


def resident_errors(
    data: Mapping[str, Any],
    *,
    districts: DistrictCheck,
    villages: Collection[str],
    today: dt.date,
) -> list[FieldError]:
    """Every rule a resident's fields must meet, all reported at once."""
    return [
        *required_errors(data),
        *choice_errors(data),
        *birth_date_errors(data, today=today),
        *nik_field_errors(data, districts=districts, today=today),
        *village_errors(data.get("village_code"), villages=villages),
    ]
