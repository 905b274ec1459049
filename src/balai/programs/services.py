"""Programmes: loading them, taking applications from every channel, and deciding them.

Every function takes the acting user explicitly (None for an operator's command line) and
writes one audit event per change inside the change's transaction.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.permissions import can
from balai.audit.services import audit_record
from balai.catalog.models import Agency
from balai.documents.choices import DocumentStatus
from balai.documents.models import Document
from balai.licensing.models import BusinessRegistration
from balai.people.choices import ResidentStatus
from balai.people.models import Resident
from balai.people.segments import segments_of
from balai.programs.choices import HOLDS_QUOTA, BenefitKind, Channel
from balai.programs.errors import ProgramError
from balai.programs.loading import programme_files
from balai.programs.models import Application, Programme, QuotaCounter
from balai.programs.rules import BusinessFacts, Facts, Refusal, evaluate
from balai.regions.choices import Level
from balai.regions.models import Region

TOTAL = "total"
SKU_DOCUMENT_TYPE = "sku"
TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at a desk


def permission_require(actor: Any, perm: str, obj: Any = None) -> None:
    # None is the operator's own command line, which runs with the server's authority.
    if actor is not None and not can(actor, perm, obj):
        raise ProgramError(403, "forbidden", _("Anda tidak berwenang untuk tindakan ini."))


# ---------------------------------------------------------------------------- loading


def programme_load(*, actor: Any = None, paths: list[Path] | None = None) -> list[Programme]:
    """Create or update every programme file; quota limits follow the file, places already
    taken are kept."""
    loaded = []
    with transaction.atomic():
        for _path, data in programme_files(paths):
            loaded.append(_programme_upsert(actor, data))
    return loaded


def _benefit_fields(benefit: dict[str, Any]) -> dict[str, Any]:
    kind = benefit["kind"]
    if kind == BenefitKind.VOUCHER:
        return dict(
            benefit_kind=kind,
            benefit_value=benefit["value"],
            benefit_count=benefit["count_per_month"],
            benefit_months=benefit["months"],
            goods="",
        )
    if kind == BenefitKind.TRANSFER:
        return dict(
            benefit_kind=kind, benefit_value=benefit["amount"], benefit_count=1, benefit_months=1
        )
    return dict(
        benefit_kind=kind,
        benefit_value=benefit["value"],
        benefit_count=1,
        benefit_months=1,
        goods=benefit["goods"],
    )


def _programme_upsert(actor: Any, data: dict[str, Any]) -> Programme:
    regency = Region.objects.get(code=data["regency"])
    owner = Agency.objects.filter(code=data.get("owner_agency", "")).first()
    values = dict(
        name=data["name"],
        legal_basis=data["legal_basis"],
        regency=regency,
        owner_agency=owner,
        period_start=dt.date.fromisoformat(data["period"]["start"]),
        period_end=dt.date.fromisoformat(data["period"]["end"]),
        budget=data["budget"],
        quota_per_beneficiary=data["quota"].get("per_beneficiary", 1),
        is_open=data.get("open", True),
        definition=data,
        **_benefit_fields(data["benefit"]),
    )
    programme, created = Programme.objects.update_or_create(code=data["code"], defaults=values)
    limits = {TOTAL: data["quota"]["total"]}
    if "per_district" in data["quota"]:
        for code in Region.objects.filter(
            code__startswith=regency.code + ".", level=Level.DISTRICT
        ).values_list("code", flat=True):
            limits[code] = data["quota"]["per_district"]
    for scope, limit in limits.items():
        counter, _new = QuotaCounter.objects.get_or_create(
            programme=programme, scope=scope, defaults={"limit": limit}
        )
        # A limit lowered below the places already taken keeps those places: nobody loses
        # an accepted application because the file changed.
        counter.limit = max(limit, counter.used)
        counter.save(update_fields=["limit"])
    audit_record(
        actor=actor,
        action="programs.programme.load",
        obj=programme,
        region_code=regency.code,
        after={"code": programme.code, "created": created, "budget": programme.budget},
    )
    return programme


# ---------------------------------------------------------------------------- intake


@dataclass
class IntakeResult:
    application: Application | None
    refusals: list[Refusal] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return self.application is not None

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": "accepted" if self.accepted else "refused",
            "application": self.application.tracking_code if self.application else None,
            "reasons": [r.as_dict() for r in self.refusals],
        }


def age_on(birth_date: dt.date, today: dt.date) -> int:
    return (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )


def applicant_business(resident: Resident) -> BusinessRegistration | None:
    """The applicant's registered business: one with a NIB first, the newest first."""
    return (
        BusinessRegistration.objects.filter(owner=resident)
        .order_by(F("nib").asc(nulls_last=True), "-pk")
        .first()
    )


def applicant_facts(
    programme: Programme, resident: Resident, business: BusinessRegistration | None
) -> Facts:
    """What the register, licensing and documents already hold: never asked again."""
    today = timezone.localdate()
    holding = Application.objects.filter(status__in=HOLDS_QUOTA)
    held = set(
        holding.filter(
            nik=resident.nik,
            programme__period_start__lte=programme.period_end,
            programme__period_end__gte=programme.period_start,
        )
        .exclude(programme=programme)
        .values_list("programme__code", flat=True)
    )
    kk = resident.family.kk_number if resident.family_id else ""
    return Facts(
        in_regency=resident.regency_code == programme.regency_id,
        living=resident.status == ResidentStatus.LIVING,
        age=age_on(resident.birth_date, today),
        segments=frozenset(segments_of(resident, today)),
        business=(
            BusinessFacts(
                kbli_codes=tuple(business.kbli_codes),
                scale=business.scale,
                has_nib=bool(business.nib),
            )
            if business is not None
            else None
        ),
        has_sku=Document.objects.filter(
            holder=resident,
            document_type__code=SKU_DOCUMENT_TYPE,
            status=DocumentStatus.ISSUED,
        ).exists(),
        programmes_held=frozenset(held),
        family_taken=bool(kk)
        and holding.filter(programme=programme, kk_number=kk).exclude(nik=resident.nik).exists(),
        already_held=holding.filter(programme=programme, nik=resident.nik).count(),
    )


def _quota_lock(programme: Programme, district: str) -> list[QuotaCounter]:
    # One fixed order (by scope): two desks never deadlock, and every intake of a programme
    # waits on its "total" row, so two desks never both take the last place.
    counters = list(
        QuotaCounter.objects.select_for_update()
        .filter(programme=programme, scope__in=[TOTAL, district])
        .order_by("scope")
    )
    return counters


def _quota_refusals(counters: list[QuotaCounter]) -> list[Refusal]:
    out = []
    for c in counters:
        if c.used >= c.limit:
            if c.scope == TOTAL:
                out.append(Refusal("quota_full", _("Kuota program sudah habis.")))
            else:
                out.append(
                    Refusal(
                        "quota_district_full", _("Kuota program untuk kecamatan ini sudah habis.")
                    )
                )
    return out


def _tracking_code() -> str:
    return "PB" + "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))


def application_submit(
    *,
    actor: Any,
    programme: Programme,
    resident: Resident,
    channel: str,
    business: BusinessRegistration | None = None,
    brought: dict[str, bool] | None = None,
    bank_account: str = "",
) -> IntakeResult:
    """The one intake of every channel (counter, kiosk, portal, outreach day).

    Eligibility is decided at once, over what Balai holds; every failed rule is returned by
    name. An accepted application takes a quota place under the counters' row locks.
    """
    if channel not in Channel.values:
        raise ProgramError(400, "bad_channel", _("Kanal tidak dikenal."))
    if channel in (Channel.COUNTER, Channel.OUTREACH):
        permission_require(actor, "programs.apply", resident)
    today = timezone.localdate()
    if not programme.is_open or not (programme.period_start <= today <= programme.period_end):
        return IntakeResult(None, [Refusal("closed", _("Program tidak sedang dibuka."))])
    if business is None:
        business = applicant_business(resident)
    district = ".".join(resident.village_id.split(".")[:3])
    with transaction.atomic():
        counters = _quota_lock(programme, district)
        verdict = evaluate(
            programme.rules,
            applicant_facts(programme, resident, business),
            per_beneficiary=programme.quota_per_beneficiary,
        )
        # The documents Balai does not hold are recorded as brought here and checked by the
        # officer at field verification, so they never refuse an application at the desk.
        refusals = list(verdict.refusals)
        if not refusals:
            refusals = _quota_refusals(counters)
        if refusals:
            return IntakeResult(None, refusals)
        for counter in counters:
            QuotaCounter.objects.filter(pk=counter.pk).update(used=F("used") + 1)
        application = Application.objects.create(
            regency_code=resident.regency_code,
            programme=programme,
            tracking_code=_tracking_code(),
            applicant=resident,
            nik=resident.nik,
            kk_number=resident.family.kk_number if resident.family_id else "",
            applicant_name=resident.name,
            village_id=resident.village_id,
            district_code=district,
            business=business if _needs_business(programme) else None,
            channel=channel,
            brought=brought or {},
            bank_account=bank_account,
            amount=programme.benefit_total,
            submitted_by=actor if getattr(actor, "pk", None) else None,
        )
        audit_record(
            actor=actor,
            action="programs.application.submit",
            obj=application,
            region_code=application.village_id,
            after={"programme": programme.code, "channel": channel, "status": application.status},
        )
    return IntakeResult(application)


def _needs_business(programme: Programme) -> bool:
    return any(r["rule"] == "business" for r in programme.rules)


def _quota_release(application: Application) -> None:
    QuotaCounter.objects.filter(
        Q(scope=TOTAL) | Q(scope=application.district_code), programme=application.programme
    ).filter(used__gt=0).update(used=F("used") - 1)


def _quota_retake(application: Application) -> None:
    counters = _quota_lock(application.programme, application.district_code)
    refusals = _quota_refusals(counters)
    if refusals:
        raise ProgramError(409, refusals[0].code, refusals[0].message)
    for counter in counters:
        QuotaCounter.objects.filter(pk=counter.pk).update(used=F("used") + 1)
