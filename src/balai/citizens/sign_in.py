"""Online sign-in, second step: a one-time code sent to the citizen's registered phone.

NIK and PIN first (`pin_verify`), then six digits by SMS through the notifications outbox.
The code is stored as a keyed hash (HMAC with the server secret: a copy of the table cannot be
tried offline), lives five minutes, allows five wrong tries, is used once, and may be resent
twice, half a minute apart. Every step is an audit event with the NIK masked.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from balai.accounts.throttle import Rule, throttle_take
from balai.audit.services import audit_record
from balai.citizens.errors import CitizenAuthError
from balai.citizens.models import SignInCode
from balai.citizens.services import pin_verify
from balai.notifications.addresses import phone_mask, phone_normalise
from balai.notifications.choices import NotifyChannel
from balai.notifications.services import notify
from balai.people.models import Resident
from balai.people.nik import mask_nik

CODE_MINUTES = 5
MAX_WRONG = 5
MAX_SENDS = 3
RESEND_AFTER_SECONDS = 30
# Codes a resident may ask for in an hour, resends included: a stolen PIN cannot flood a phone.
MAX_CODES_PER_HOUR = 6
CHANNEL = "online"


class _Citizen:
    pk = None

    def __init__(self, resident: Resident) -> None:
        self.label = f"warga {mask_nik(resident.nik)}"

    def __str__(self) -> str:
        return self.label


def _hash(resident_id: int, code: str) -> str:
    return salted_hmac("balai.citizens.sign_in_code", f"{resident_id}:{code}").hexdigest()


def _no_phone() -> CitizenAuthError:
    return CitizenAuthError(
        "no_phone",
        _(
            "Nomor HP Anda belum tercatat, sehingga kode masuk tidak dapat dikirim. Silakan "
            "datang ke kantor desa/kelurahan untuk mencatatkan nomor HP Anda."
        ),
    )


def _send(row: SignInCode, resident: Resident, *, now: dt.datetime, action: str) -> str:
    code = f"{secrets.randbelow(10**6):06d}"
    row.code_hash = _hash(resident.pk, code)
    row.sent_at = now
    row.expires_at = now + dt.timedelta(minutes=CODE_MINUTES)
    row.save()
    # SMS, not WhatsApp: it reaches every phone, and a five-minute code has no time to wait
    # for WhatsApp to give up and fall back.
    notify(
        template="citizen_sign_in_code",
        context={"code": code, "minutes": CODE_MINUTES},
        regency_code=resident.regency_code,
        channel=NotifyChannel.SMS,
        resident=resident,
        obj=row,
        now=now,
    )
    audit_record(
        actor=_Citizen(resident),
        action=action,
        obj=row,
        region_code=resident.village_id,
        after={"to": phone_mask(phone_normalise(resident.phone) or ""), "sends": row.sends},
    )
    return code


def _codes_this_hour(resident: Resident, now: dt.datetime) -> int:
    rows = SignInCode.objects.filter(resident=resident, created_at__gt=now - dt.timedelta(hours=1))
    return sum(r.sends for r in rows)


def public_sign_in_wait(*, ip: str | None) -> int:
    """Counts one online sign-in attempt from this client: 0 to go ahead, else seconds."""
    rule = Rule(
        limit=settings.CITIZEN_SIGN_INS_PER_CLIENT,
        window_seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS,
        max_lock_seconds=settings.LOGIN_LOCKOUT_MAX_SECONDS,
    )
    return throttle_take(key=f"citizen:{ip or 'unknown'}", rule=rule, now=timezone.now())


def sign_in_start(*, nik: str, pin: str, now: dt.datetime | None = None) -> SignInCode:
    """Check NIK and PIN, then send a code to the registered phone; the pending sign-in."""
    now = now or timezone.now()
    resident = pin_verify(nik=nik, pin=pin, channel=CHANNEL, now=now)
    if phone_normalise(resident.phone) is None:
        audit_record(
            actor=_Citizen(resident),
            action="citizens.sign_in_code_no_phone",
            obj=resident,
            region_code=resident.village_id,
        )
        raise _no_phone()
    with transaction.atomic():
        # Serialise the requests of one resident so the hourly limit holds under double clicks.
        Resident.objects.select_for_update().filter(pk=resident.pk).first()
        if _codes_this_hour(resident, now) >= MAX_CODES_PER_HOUR:
            raise CitizenAuthError(
                "too_many_codes",
                _("Terlalu banyak permintaan kode. Coba lagi dalam satu jam."),
                retry_after=3600,
            )
        # Only the newest code counts: earlier ones stop working now.
        SignInCode.objects.filter(resident=resident, used_at__isnull=True).update(expires_at=now)
        row = SignInCode(
            regency_code=resident.regency_code,
            resident=resident,
            channel=CHANNEL,
            created_at=now,
            sent_at=now,
            expires_at=now,
        )
        _send(row, resident, now=now, action="citizens.sign_in_code_sent")
    return row


def _pending(pk: int) -> SignInCode | None:
    return SignInCode.objects.select_for_update().select_related("resident").filter(pk=pk).first()


def _spent() -> CitizenAuthError:
    return CitizenAuthError(
        "code_spent",
        _("Kode ini tidak dapat dipakai lagi. Silakan masuk ulang dengan NIK dan PIN."),
    )


def sign_in_resend(*, pending_id: int, now: dt.datetime | None = None) -> SignInCode:
    """A new code for the same pending sign-in, limited in number and spacing."""
    now = now or timezone.now()
    with transaction.atomic():
        row = _pending(pending_id)
        if row is None or row.used_at is not None or row.failed_count >= MAX_WRONG:
            raise _spent()
        if row.sends >= MAX_SENDS or _codes_this_hour(row.resident, now) >= MAX_CODES_PER_HOUR:
            raise CitizenAuthError(
                "resend_limit",
                _("Kode sudah dikirim ulang terlalu sering. Silakan masuk ulang nanti."),
            )
        wait = RESEND_AFTER_SECONDS - (now - row.sent_at).total_seconds()
        if wait > 0:
            raise CitizenAuthError(
                "resend_wait",
                _("Tunggu %(s)d detik sebelum meminta kode baru.") % {"s": int(wait) + 1},
                retry_after=int(wait) + 1,
            )
        row.sends += 1
        _send(row, row.resident, now=now, action="citizens.sign_in_code_resent")
    return row


def sign_in_finish(*, pending_id: int, code: str, now: dt.datetime | None = None) -> Resident:
    """The resident, when `code` is the live code of this pending sign-in; used up at once.

    A wrong code is counted and committed before the refusal is raised.
    """
    now = now or timezone.now()
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    error: CitizenAuthError | None = None
    with transaction.atomic():
        row = _pending(pending_id)
        if row is None:
            raise _spent()
        resident = row.resident
        if row.used_at is not None or row.failed_count >= MAX_WRONG:
            error, reason = _spent(), "spent"
        elif row.expires_at <= now:
            error = CitizenAuthError("code_expired", _("Kode sudah kedaluwarsa. Minta kode baru."))
            reason = "expired"
        elif not hmac.compare_digest(row.code_hash, _hash(resident.pk, code)):
            row.failed_count += 1
            row.save(update_fields=["failed_count"])
            left = MAX_WRONG - row.failed_count
            error = (
                CitizenAuthError(
                    "code_wrong", _("Kode salah. Sisa percobaan: %(n)d.") % {"n": left}
                )
                if left
                else _spent()
            )
            reason = "wrong"
        else:
            row.used_at = now
            row.save(update_fields=["used_at"])
            reason = ""
        audit_record(
            actor=_Citizen(resident),
            action="citizens.sign_in_code_failed" if error else "citizens.sign_in_code_ok",
            obj=row,
            region_code=resident.village_id,
            after=(
                {"reason": reason, "failed": row.failed_count} if error else {"channel": CHANNEL}
            ),
        )
    if error is not None:
        raise error
    return resident
