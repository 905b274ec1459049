"""Kiosk devices, citizen sign-in at a kiosk, and the print log.

Each function is one use case, called alike from the pages and the `balai kiosk` command. State
changes run in one transaction with their audit event; a refused sign-in is committed before
the refusal is raised, so failures cannot be rolled back by the caller.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.permissions import can
from balai.audit.services import audit_record
from balai.citizens.errors import CitizenAuthError
from balai.citizens.services import pin_verify
from balai.kiosk import backoff
from balai.kiosk.choices import (
    DEFAULT_IDLE_SECONDS,
    KIOSK_CHANNEL,
    MAX_IDLE_SECONDS,
    MIN_IDLE_SECONDS,
    Paper,
    PrintKind,
)
from balai.kiosk.errors import KioskError
from balai.kiosk.models import KioskDevice, KioskPrintJob
from balai.kiosk.readers import reader_for
from balai.kiosk.tokens import token_hash, token_new, token_prefix
from balai.people.models import Resident
from balai.people.nik import mask_nik


class KioskActor:
    """How a kiosk (and the citizen at it) appears as the actor of an audit event."""

    pk = None

    def __init__(self, device: KioskDevice, resident: Resident | None = None) -> None:
        who = f"warga {mask_nik(resident.nik)} di " if resident is not None else ""
        self.label = f"{who}anjungan {device.token_prefix}"

    def __str__(self) -> str:
        return self.label


def _regency(region_code: str) -> str:
    return ".".join(region_code.split(".")[:2])


def _forbidden() -> KioskError:
    return KioskError(403, "forbidden", _("Anda tidak berwenang mengelola anjungan ini."))


# --- devices --------------------------------------------------------------------------------
def device_register(
    *,
    actor: Any,
    service_point: Any,
    name: str,
    idle_seconds: int = DEFAULT_IDLE_SECONDS,
    now: dt.datetime | None = None,
) -> tuple[KioskDevice, str]:
    """A new kiosk for `service_point` and its token, which is returned here and never again.

    `actor=None` is the host's operator (the `balai kiosk` command).
    """
    name = (name or "").strip()
    if not name:
        raise KioskError(422, "name_required", _("Beri nama perangkat, misalnya 'Anjungan 1'."))
    if not MIN_IDLE_SECONDS <= int(idle_seconds) <= MAX_IDLE_SECONDS:
        raise KioskError(
            422,
            "idle_seconds_out_of_range",
            _("Waktu keluar otomatis harus antara %(lo)d dan %(hi)d detik.")
            % {"lo": MIN_IDLE_SECONDS, "hi": MAX_IDLE_SECONDS},
        )
    token = token_new()
    device = KioskDevice(
        regency_code=_regency(service_point.region_id),
        region_code=service_point.region_id,
        service_point=service_point,
        name=name[:120],
        token_prefix=token_prefix(token),
        token_hash=token_hash(token),
        idle_seconds=int(idle_seconds),
        created_at=now or timezone.now(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    if actor is not None and not can(actor, "kiosk.manage", device):
        raise _forbidden()
    with transaction.atomic():
        device.save(force_insert=True)
        audit_record(
            actor=actor,
            action="kiosk.device_register",
            obj=device,
            region_code=device.region_code,
            after={
                "service_point": service_point.code,
                "name": device.name,
                "token_prefix": device.token_prefix,
                "idle_seconds": device.idle_seconds,
            },
        )
    return device, token


def device_revoke(*, actor: Any, device: KioskDevice, reason: str) -> KioskDevice:
    """Stops the device at once: every kiosk request looks the token up among active ones."""
    if actor is not None and not can(actor, "kiosk.manage", device):
        raise _forbidden()
    reason = (reason or "").strip()
    if not reason:
        raise KioskError(
            422, "reason_required", _("Tuliskan alasan pencabutan, misalnya 'perangkat hilang'.")
        )
    with transaction.atomic():
        row = KioskDevice.objects.select_for_update().get(pk=device.pk)
        if row.revoked_at is not None:
            raise KioskError(409, "already_revoked", _("Perangkat ini sudah dicabut."))
        row.revoked_at = timezone.now()
        row.revoked_by = actor if getattr(actor, "pk", None) else None
        row.revoke_reason = reason[:250]
        row.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        audit_record(
            actor=actor,
            action="kiosk.device_revoke",
            obj=row,
            region_code=row.region_code,
            after={"reason": row.revoke_reason, "token_prefix": row.token_prefix},
        )
    return row


def device_enrol(*, token: str, now: dt.datetime | None = None) -> KioskDevice:
    """The browser that presents a valid token becomes that kiosk (the page sets the cookie)."""
    token = (token or "").strip()
    with transaction.atomic():
        row = (
            KioskDevice.objects.select_for_update()
            .filter(token_hash=token_hash(token), revoked_at__isnull=True)
            .first()
            if token
            else None
        )
        if row is None:
            raise KioskError(
                404,
                "token_invalid",
                _(
                    "Token tidak dikenal atau sudah dicabut. Periksa token dari admin, atau minta "
                    "admin mendaftarkan perangkat baru."
                ),
            )
        row.enrolled_at = now or timezone.now()
        row.save(update_fields=["enrolled_at"])
        audit_record(
            actor=KioskActor(row),
            action="kiosk.device_enrol",
            obj=row,
            region_code=row.region_code,
        )
    return row


def device_seen(*, device: KioskDevice, now: dt.datetime | None = None) -> None:
    """Keeps `last_seen_at` roughly current for the admin list: one write a minute at most."""
    now = now or timezone.now()
    if device.last_seen_at is None or now - device.last_seen_at > dt.timedelta(minutes=1):
        KioskDevice.objects.filter(pk=device.pk).update(last_seen_at=now)
        device.last_seen_at = now


# --- sign-in --------------------------------------------------------------------------------
def _device_waiting(row: KioskDevice, now: dt.datetime) -> KioskError:
    seconds = int((row.wait_until - now).total_seconds()) + 1
    return KioskError(
        429,
        "device_waiting",
        _(
            "Terlalu banyak percobaan masuk yang gagal di anjungan ini. Tunggu %(s)d detik, lalu "
            "coba lagi, atau minta bantuan petugas."
        )
        % {"s": seconds},
        retry_after=seconds,
    )


def _refuse_if_waiting(device: KioskDevice, now: dt.datetime) -> None:
    with transaction.atomic():
        row = KioskDevice.objects.select_for_update().get(pk=device.pk)
        if row.revoked_at is not None:
            raise KioskError(403, "device_revoked", _("Anjungan ini tidak lagi terdaftar."))
        if row.wait_until is None or row.wait_until <= now:
            return
        audit_record(
            actor=KioskActor(row),
            action="kiosk.sign_in_refused",
            obj=row,
            region_code=row.region_code,
            after={"reason": "device_waiting"},
        )
        error = _device_waiting(row, now)
    raise error


def _count_failure(device: KioskDevice, now: dt.datetime, code: str) -> None:
    with transaction.atomic():
        row = KioskDevice.objects.select_for_update().get(pk=device.pk)
        row.failed_count += 1
        if row.failed_count < backoff.failures_before_wait():
            row.save(update_fields=["failed_count"])
            return
        row.waits += 1
        row.failed_count = 0
        seconds = backoff.wait_seconds(row.waits)
        row.wait_until = now + dt.timedelta(seconds=seconds)
        row.save(update_fields=["failed_count", "waits", "wait_until"])
        audit_record(
            actor=KioskActor(row),
            action="kiosk.device_wait",
            obj=row,
            region_code=row.region_code,
            after={"seconds": seconds, "waits": row.waits, "last_refusal": code},
        )


def _clear_failures(device: KioskDevice) -> None:
    KioskDevice.objects.filter(pk=device.pk).exclude(failed_count=0, waits=0).update(
        failed_count=0, waits=0, wait_until=None
    )


def kiosk_sign_in(
    *, device: KioskDevice, nik: str, pin: str, now: dt.datetime | None = None
) -> Resident:
    """NIK and PIN typed on the kiosk's keypad. The PIN's own lockout (citizens) applies, and
    the device waits after repeated failures of anyone at it (kiosk/backoff.py)."""
    now = now or timezone.now()
    _refuse_if_waiting(device, now)
    try:
        resident = pin_verify(nik=nik, pin=pin, channel=KIOSK_CHANNEL, now=now)
    except CitizenAuthError as exc:
        _count_failure(device, now, exc.code)
        raise
    # A success does not wipe the device's failures: otherwise one citizen signing in
    # between guesses would let the machine walk through NIKs for ever. They age out with
    # the waits they cause (kiosk/backoff.py).
    return resident


def kiosk_sign_in_reader(
    *, device: KioskDevice, kind: str, payload: str, pin: str, now: dt.datetime | None = None
) -> Resident:
    """A reader (the QR on a receipt or document, later a card or fingerprint) names the
    citizen; the PIN still proves it. An unknown code answers like a wrong PIN."""
    reader = reader_for(kind)
    if reader is None:
        raise KioskError(422, "reader_unknown", _("Pembaca ini tidak dikenal di anjungan."))
    resident = reader.resident_for(payload)
    return kiosk_sign_in(device=device, nik=resident.nik if resident else "", pin=pin, now=now)


def kiosk_sign_out(*, device: KioskDevice, resident: Resident, reason: str) -> None:
    """Recorded so the trail shows when a citizen's turn at a shared screen ended, and how."""
    with transaction.atomic():
        audit_record(
            actor=KioskActor(device, resident),
            action="kiosk.sign_out",
            obj=device,
            region_code=device.region_code,
            after={"reason": reason},
        )


# --- printing -------------------------------------------------------------------------------
def print_job_record(
    *,
    device: KioskDevice,
    resident: Resident | None,
    kind: str,
    paper: str,
    case: Any = None,
    document: Any = None,
    ticket: Any = None,
    now: dt.datetime | None = None,
) -> KioskPrintJob:
    """One line of the device's print log: what, when, for which case or document; no NIK."""
    if kind not in PrintKind.values or paper not in Paper.values:
        raise KioskError(422, "invalid_print", _("Jenis cetakan tidak dikenal."))
    if case is not None and (
        resident is None
        or resident.pk
        not in (
            case.applicant_id,
            case.beneficiary_id,
        )
    ):
        raise KioskError(404, "not_found", _("Permohonan tidak ditemukan."))
    if document is not None and (resident is None or document.holder_id != resident.pk):
        raise KioskError(404, "not_found", _("Dokumen tidak ditemukan."))
    with transaction.atomic():
        job = KioskPrintJob.objects.create(
            regency_code=device.regency_code,
            region_code=device.region_code,
            service_point_id=device.service_point_id,
            device=device,
            kind=kind,
            paper=paper,
            case=case,
            document=document,
            ticket_code=getattr(ticket, "code", "") or "",
            printed_at=now or timezone.now(),
        )
        # A printed document carries the full NIK: the read is recorded (UU 27/2022).
        audit_record(
            actor=KioskActor(device, resident) if resident is not None else KioskActor(device),
            action="kiosk.print",
            obj=job,
            region_code=device.region_code,
            after={
                "kind": kind,
                "paper": paper,
                "case": getattr(case, "pk", None),
                "document": getattr(document, "pk", None),
                "ticket": job.ticket_code,
            },
        )
    return job
