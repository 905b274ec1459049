"""Setting a citizen's PIN at the counter and checking it at a kiosk or online.

Each call is one transaction with its audit event. A failed check is committed before the
refusal is raised, so a guesser cannot roll their failures back.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.permissions import can
from balai.audit.services import audit_record
from balai.citizens.errors import CitizenAuthError
from balai.citizens.models import CitizenPin
from balai.citizens.pin import ATTEMPTS_BEFORE_LOCK, lock_seconds, pin_problem
from balai.people.choices import ResidentStatus
from balai.people.models import Resident
from balai.people.nik import mask_nik


# Checked against when the NIK has no PIN, so a wrong NIK costs the same time as a wrong PIN
# and the answer does not tell whether a NIK is registered.
@functools.cache
def _dummy_hash() -> str:
    return make_password("000000-not-a-pin")


class _Citizen:
    pk = None

    def __init__(self, nik: str) -> None:
        self.label = f"warga {mask_nik(nik)}"

    def __str__(self) -> str:
        return self.label


def _wrong() -> CitizenAuthError:
    return CitizenAuthError("invalid_credentials", _("NIK atau PIN salah. Periksa lalu coba lagi."))


def _locked(seconds: int) -> CitizenAuthError:
    minutes = max(1, (seconds + 59) // 60)
    return CitizenAuthError(
        "pin_locked",
        _(
            "PIN terkunci karena terlalu sering salah. Coba lagi dalam %(m)d menit, atau minta "
            "petugas kantor desa mengatur ulang PIN Anda."
        )
        % {"m": minutes},
        retry_after=seconds,
    )


_LOCK_FIELDS = ["failed_count", "lockouts", "locked_until"]


def _clear_lock(row: CitizenPin) -> None:
    row.failed_count = 0
    row.lockouts = 0
    row.locked_until = None


def pin_set(*, actor: Any, resident: Resident, pin: str) -> CitizenPin:
    """Set or reset `resident`'s PIN at the counter; clears any lockout."""
    if not can(actor, "citizens.set_pin", resident):
        raise CitizenAuthError("forbidden", _("Anda tidak berwenang mengatur PIN warga ini."))
    if resident.status != ResidentStatus.LIVING:
        raise CitizenAuthError(
            "resident_inactive", _("PIN hanya dapat diatur untuk penduduk yang masih tercatat.")
        )
    problem = pin_problem(pin, birth_date=resident.birth_date)
    if problem:
        raise CitizenAuthError("pin_weak", problem)
    now = timezone.now()
    with transaction.atomic():
        row, created = CitizenPin.objects.select_for_update().get_or_create(
            resident=resident,
            defaults={"regency_code": resident.regency_code, "pin_hash": "", "set_at": now},
        )
        row.pin_hash = make_password(pin)
        _clear_lock(row)
        row.set_at = now
        row.set_by = actor if getattr(actor, "pk", None) else None
        row.save()
        audit_record(
            actor=actor,
            action="citizens.pin_set" if created else "citizens.pin_reset",
            obj=row,
            region_code=resident.village_id,
            after={"resident": mask_nik(resident.nik)},
        )
    return row


def pin_unlock(*, actor: Any, resident: Resident) -> None:
    """Lift a lockout without changing the PIN (an operator who has seen the citizen)."""
    if actor is not None and not can(actor, "citizens.set_pin", resident):
        raise CitizenAuthError("forbidden", _("Anda tidak berwenang mengatur PIN warga ini."))
    with transaction.atomic():
        row = CitizenPin.objects.select_for_update().filter(resident=resident).first()
        if row is None:
            raise CitizenAuthError("pin_not_set", _("Warga ini belum memiliki PIN."))
        _clear_lock(row)
        row.save(update_fields=_LOCK_FIELDS)
        audit_record(
            actor=actor,
            action="citizens.pin_unlock",
            obj=row,
            region_code=resident.village_id,
            after={"resident": mask_nik(resident.nik)},
        )


def _candidates(nik: str) -> list[CitizenPin]:
    return list(
        CitizenPin.objects.select_for_update()
        .select_related("resident")
        .filter(resident__nik=nik)
        .order_by("pk")
    )


def _check(
    rows: list[CitizenPin], *, nik: str, pin: str, channel: str, now: dt.datetime
) -> tuple[Resident | None, CitizenAuthError | None]:
    row = next((r for r in rows if r.resident.status == ResidentStatus.LIVING), rows[0])
    region = row.resident.village_id
    if row.locked_until and row.locked_until > now:
        check_password(pin, _dummy_hash())
        audit_record(
            actor=_Citizen(nik),
            action="citizens.sign_in_refused",
            obj=row,
            region_code=region,
            after={"reason": "locked", "channel": channel},
        )
        return None, _locked(int((row.locked_until - now).total_seconds()) + 1)
    if row.resident.status != ResidentStatus.LIVING or not check_password(pin, row.pin_hash):
        row.failed_count += 1
        after: dict[str, Any] = {"reason": "wrong_pin", "channel": channel}
        error = _wrong()
        if row.failed_count >= ATTEMPTS_BEFORE_LOCK:
            row.lockouts += 1
            row.failed_count = 0
            seconds = lock_seconds(row.lockouts)
            row.locked_until = now + dt.timedelta(seconds=seconds)
            after["locked_seconds"] = seconds
            error = _locked(seconds)
        row.save(update_fields=_LOCK_FIELDS)
        audit_record(
            actor=_Citizen(nik),
            action="citizens.pin_locked"
            if "locked_seconds" in after
            else "citizens.sign_in_failed",
            obj=row,
            region_code=region,
            after=after,
        )
        return None, error
    _clear_lock(row)
    row.last_sign_in_at = now
    row.save(update_fields=[*_LOCK_FIELDS, "last_sign_in_at"])
    audit_record(
        actor=_Citizen(nik),
        action="citizens.sign_in",
        obj=row,
        region_code=region,
        after={"channel": channel},
    )
    return row.resident, None


def pin_verify(*, nik: str, pin: str, channel: str, now: dt.datetime | None = None) -> Resident:
    """The resident whose NIK and PIN these are; CitizenAuthError otherwise.

    Five wrong PINs lock the PIN for a minute, doubling with each further lockout up to an
    hour; a correct PIN while locked is refused too, so waiting is the only way through.
    """
    now = now or timezone.now()
    nik = re.sub(r"\D", "", nik or "")
    pin = pin or ""
    with transaction.atomic():
        rows = _candidates(nik) if len(nik) == 16 else []
        if rows:
            resident, error = _check(rows, nik=nik, pin=pin, channel=channel, now=now)
        else:
            check_password(pin, _dummy_hash())
            audit_record(
                actor=_Citizen(nik),
                action="citizens.sign_in_failed",
                object_type="citizens.citizenpin",
                after={"reason": "unknown_nik", "channel": channel},
            )
            resident, error = None, _wrong()
    if error is not None:
        raise error
    assert resident is not None
    return resident
