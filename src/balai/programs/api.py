"""/api/v1/programs: logistics partners redeem shipping vouchers with their own token."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import HttpBearer

from balai.programs.vouchers import partner_for_token, voucher_redeem


class PartnerAuth(HttpBearer):
    """A partner's token (Authorization: Bearer bp_...), not a staff account."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        partner = partner_for_token(token)
        if partner is not None:
            request.partner = partner  # type: ignore[attr-defined]
        return partner


router = Router(tags=["programs"])


class RedeemIn(Schema):
    code: str
    parcel_ref: str


class RedeemOut(Schema):
    code: str
    value: int
    parcel_ref: str
    redeemed_at: dt.datetime


@router.post("/vouchers/redeem", response=RedeemOut, auth=PartnerAuth())
def redeem(request: HttpRequest, payload: RedeemIn) -> Any:
    """Spend one voucher on one parcel. 409 `voucher_used` when it was already spent,
    `parcel_used` when the parcel already spent another voucher."""
    return voucher_redeem(partner=request.auth, code=payload.code, parcel_ref=payload.parcel_ref)
