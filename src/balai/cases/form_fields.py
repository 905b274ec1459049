"""Checking submitted form data against the form fields of a service standard.

Field definitions come from the catalog (name, label, type, required, choices, min, max,
max_length, pattern). Messages are Bahasa Indonesia, keyed by field name.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from balai.cases.errors import CaseError

_TEXT_MAX = 1000


def _check_text(field: dict[str, Any], value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str):
        return None, _("Isian harus berupa teks.")
    value = value.strip()
    if "\x00" in value:
        return None, _("Isian mengandung karakter yang tidak sah.")
    if len(value) > int(field.get("max_length") or _TEXT_MAX):
        return None, _("Isian terlalu panjang.")
    pattern = field.get("pattern")
    if pattern and not re.fullmatch(pattern, value):
        return None, _("Format isian tidak sesuai.")
    return value, None


def _check_number(field: dict[str, Any], value: Any) -> tuple[Any, str | None]:
    if isinstance(value, bool):
        return None, _("Isian harus berupa angka.")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None, _("Isian harus berupa angka.")
    if not number.is_finite():
        return None, _("Isian harus berupa angka.")
    if field.get("min") is not None and number < Decimal(str(field["min"])):
        return None, _("Angka terlalu kecil.")
    if field.get("max") is not None and number > Decimal(str(field["max"])):
        return None, _("Angka terlalu besar.")
    return (int(number) if number == number.to_integral_value() else str(number)), None


def _check_date(field: dict[str, Any], value: Any) -> tuple[Any, str | None]:
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat(), None
    except ValueError:
        return None, _("Tanggal tidak valid (gunakan format TTTT-BB-HH).")


def _check_choice(field: dict[str, Any], value: Any) -> tuple[Any, str | None]:
    allowed = [c["value"] if isinstance(c, dict) else c for c in field.get("choices") or []]
    if value not in allowed:
        return None, _("Pilihan tidak tersedia.")
    return value, None


def _check_nik(field: dict[str, Any], value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str) or not re.fullmatch(r"\d{16}", value.strip()):
        return None, _("NIK harus 16 angka.")
    return value.strip(), None


_CHECKS = {
    "text": _check_text,
    "number": _check_number,
    "money": _check_number,
    "date": _check_date,
    "choice": _check_choice,
    "resident_nik": _check_nik,
    "region": _check_text,
    "kbli": _check_text,
}


def form_validate(*, fields: list[dict[str, Any]], data: dict[str, Any]) -> dict[str, Any]:
    """The cleaned form data; raises CaseError(422, "invalid_form") naming each bad field."""
    if not isinstance(data, dict):
        raise CaseError(422, "invalid_form", _("Isian formulir tidak valid."))
    known = {f["name"] for f in fields}
    errors: dict[str, str] = {
        name: _("Isian ini tidak dikenal untuk layanan ini.") for name in data if name not in known
    }
    cleaned: dict[str, Any] = {}
    for field in fields:
        name = field["name"]
        value = data.get(name)
        if field.get("type") == "file":
            continue  # attachments arrive through their own upload, not the form body
        if value is None or value == "":
            if field.get("required"):
                errors[name] = _("Wajib diisi.")
            continue
        check = _CHECKS.get(field.get("type", "text"), _check_text)
        clean, error = check(field, value)
        if error:
            errors[name] = error
        else:
            cleaned[name] = clean
    if errors:
        raise CaseError(422, "invalid_form", _("Periksa kembali isian formulir."), details=errors)
    return cleaned
