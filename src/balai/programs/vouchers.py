"""Free shipping: logistics partners, voucher redemption (one voucher, one parcel, once) and
the monthly reconciliation of each partner's claim against what was redeemed."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.audit.services import audit_record
from balai.programs.choices import ApplicationStatus, VoucherStatus
from balai.programs.errors import ProgramError
from balai.programs.models import Partner, Voucher


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def partner_create(*, actor: Any, code: str, name: str) -> tuple[Partner, str]:
    """A partner account and its token; the token is shown once and only its hash is kept."""
    token = "bp_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        partner = Partner.objects.create(code=code, name=name, token_sha256=token_hash(token))
        audit_record(
            actor=actor, action="programs.partner.create", obj=partner, after={"code": code}
        )
    return partner, token


def partner_for_token(token: str) -> Partner | None:
    return Partner.objects.filter(token_sha256=token_hash(token), is_active=True).first()


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def voucher_redeem(*, partner: Partner, code: str, parcel_ref: str) -> Voucher:
    """Spend one voucher on one parcel.

    One conditional UPDATE on the voucher's own row (status still `issued`, in its month)
    decides: of any number of concurrent calls with the same code exactly one changes the row,
    the others find it already spent. The condition must stay on the updated table itself: a
    filter through a join makes Django write `WHERE id IN (subquery)`, which PostgreSQL does not
    re-check after waiting for a concurrent update, and a voucher was then spent twice. The
    parcel number is unique per partner, so one parcel never spends two vouchers.
    """
    code = (code or "").strip().upper()
    parcel_ref = (parcel_ref or "").strip()
    if not parcel_ref or len(parcel_ref) > 60:
        raise ProgramError(400, "parcel_required", _("Nomor resi wajib diisi (paling panjang 60)."))
    now = timezone.now()
    this_month = month_start(timezone.localdate())
    found = Voucher.objects.filter(code=code).values_list("pk", "application__status").first()
    if found is None or found[1] != ApplicationStatus.APPROVED:
        raise _why_not(code, this_month)
    try:
        with transaction.atomic():
            changed = Voucher.objects.filter(
                pk=found[0], status=VoucherStatus.ISSUED, month=this_month
            ).update(
                status=VoucherStatus.REDEEMED,
                partner=partner,
                parcel_ref=parcel_ref,
                redeemed_at=now,
            )
            if changed:
                voucher = Voucher.objects.get(pk=found[0])
                audit_record(
                    actor=None,
                    action="programs.voucher.redeem",
                    obj=voucher,
                    region_code=voucher.regency_code,
                    after={"partner": partner.code, "parcel": parcel_ref, "value": voucher.value},
                )
                return voucher
    except IntegrityError:
        raise ProgramError(
            409, "parcel_used", _("Nomor resi ini sudah memakai voucher lain.")
        ) from None
    raise _why_not(code, this_month)


def _why_not(code: str, this_month: dt.date) -> ProgramError:
    voucher = Voucher.objects.select_related("application").filter(code=code).first()
    if voucher is None:
        return ProgramError(404, "voucher_unknown", _("Kode voucher tidak dikenal."))
    if voucher.status == VoucherStatus.REDEEMED:
        return ProgramError(409, "voucher_used", _("Voucher sudah dipakai."))
    if voucher.application.status != ApplicationStatus.APPROVED:
        return ProgramError(409, "voucher_inactive", _("Voucher tidak berlaku."))
    return ProgramError(
        409,
        "voucher_wrong_month",
        _("Voucher hanya berlaku pada bulan %(m)s.") % {"m": voucher.month.strftime("%m/%Y")},
    )


@dataclass
class ClaimReconciliation:
    partner: Partner
    month: dt.date
    matched: list[Voucher]
    # Claimed but not redeemed by this partner in this month: not to be paid.
    unknown: list[str]
    # Redeemed by the partner but missing from its claim: owed, shown so nobody forgets them.
    unclaimed: list[Voucher]

    @property
    def payable(self) -> int:
        return sum(v.value for v in self.matched)


def claim_reconcile(
    *, actor: Any, partner: Partner, month: dt.date, claimed_codes: list[str]
) -> ClaimReconciliation:
    """Match a partner's monthly claim (voucher codes) with the redemptions Balai recorded."""
    month = month_start(month)
    redeemed = {
        v.code: v
        for v in Voucher.objects.filter(
            partner=partner, status=VoucherStatus.REDEEMED, month=month
        ).select_related("application")
    }
    claimed = list(dict.fromkeys(c.strip().upper() for c in claimed_codes if c.strip()))
    result = ClaimReconciliation(
        partner=partner,
        month=month,
        matched=[redeemed[c] for c in claimed if c in redeemed],
        unknown=[c for c in claimed if c not in redeemed],
        unclaimed=[v for c, v in sorted(redeemed.items()) if c not in set(claimed)],
    )
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="programs.claim.reconcile",
            obj=partner,
            after={
                "month": month.isoformat(),
                "matched": len(result.matched),
                "unknown": len(result.unknown),
                "unclaimed": len(result.unclaimed),
                "payable": result.payable,
            },
        )
    return result
