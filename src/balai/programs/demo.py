"""Demo data of the programmes: both open, shops and businesses that qualify and some that do
not, approved free-shipping vouchers and a month of redemptions by a demo partner."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from balai.licensing.models import BusinessRegistration
from balai.people.choices import ResidentStatus
from balai.people.models import Resident
from balai.programs.decisions import application_approve, application_verify
from balai.programs.models import Programme, Voucher
from balai.programs.services import application_submit, programme_load
from balai.programs.vouchers import month_start, partner_create, voucher_redeem

BUSINESSES = 8


def programs_demo_create(*, regency: Any) -> dict[str, int]:
    programme_load(actor=None)
    ongkir = Programme.objects.get(code="ongkir-umkm")
    adults = list(
        Resident.objects.filter(
            regency_code=regency.code,
            status=ResidentStatus.LIVING,
            birth_date__lte=timezone.localdate() - dt.timedelta(days=365 * 25),
        ).order_by("pk")[: BUSINESSES + 4]
    )
    # Businesses OSS already registered (demo data, as if synchronised from OSS): the first
    # ones micro and qualifying, the last two small, which ongkir-umkm refuses.
    for i, owner in enumerate(adults[:BUSINESSES]):
        BusinessRegistration.objects.get_or_create(
            owner=owner,
            defaults=dict(
                regency_code=owner.regency_code,
                owner_name=owner.name,
                business_name=f"UMKM {owner.name}",
                village_id=owner.village_id,
                address=owner.address or "-",
                kbli_edition="2020",
                kbli_codes=["10792"],
                capital=40_000_000 if i < BUSINESSES - 2 else 2_000_000_000,
                workers=2,
                scale="mikro" if i < BUSINESSES - 2 else "kecil",
                risk_level="rendah",
                status="issued",
                nib=f"9{owner.pk:012d}",
            ),
        )
    accepted = refused = 0
    partner, _token = partner_create(actor=None, code="kurir-demo", name="Kurir Demo")
    for owner in adults:
        result = application_submit(
            actor=None, programme=ongkir, resident=owner, channel="outreach"
        )
        if not result.accepted:
            refused += 1
            continue
        accepted += 1
        app = application_verify(
            actor=None,
            application=result.application,
            latitude=-8.2192,
            longitude=114.3691,
            checklist={"usaha_ada": True},
        )
        application_approve(actor=None, application=app)
    # Redemptions through the same service the partner API calls, each with its audit event.
    redeemed = 0
    month = month_start(timezone.localdate())
    for voucher in Voucher.objects.filter(month=month).order_by("pk")[: accepted * 12]:
        voucher_redeem(partner=partner, code=voucher.code, parcel_ref=f"DEMO{voucher.pk:08d}")
        redeemed += 1
    return {"accepted": accepted, "refused": refused, "redeemed": redeemed}
