"""Licensing API: KBLI search, and registrations in the caller's scope (NIK masked)."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from balai.accounts.api_access import api_object_or_404, api_require
from balai.licensing.choices import KBLI_EDITION
from balai.licensing.kbli import kbli_search
from balai.licensing.models import BusinessRegistration
from balai.licensing.selectors import registrations_for
from balai.people.nik import mask_nik

router = Router(tags=["licensing"])


class KbliOut(Schema):
    edition: str
    code: str
    title: str


class RegistrationOut(Schema):
    id: int
    owner_name: str
    owner_nik_masked: str
    business_name: str
    village: str
    kbli_edition: str
    kbli_codes: list[str]
    scale: str
    risk_level: str
    certificate: str
    status: str
    nib: str | None
    nib_issued_at: datetime | None
    attempts: int
    last_error_code: str


def _out(r: BusinessRegistration) -> dict:
    return {
        **{name: getattr(r, name) for name in RegistrationOut.model_fields if hasattr(r, name)},
        "owner_nik_masked": mask_nik(r.owner.nik),
        "village": r.village_id,
    }


@router.get("/kbli", response=list[KbliOut])
def kbli(request: HttpRequest, q: str, edition: str = KBLI_EDITION):
    """By code prefix (`5610`) or by words of the title (`warung makan`)."""
    api_require(request, "licensing.view")
    return [
        {"edition": k.edition, "code": k.code, "title": k.title}
        for k in kbli_search(q, edition=edition)
    ]


@router.get("/registrations", response=list[RegistrationOut])
def registrations(request: HttpRequest, status: str | None = None, limit: int = 50):
    user = api_require(request, "licensing.view")
    rows = registrations_for(user, status=status).order_by("-pk")[: max(1, min(limit, 200))]
    return [_out(r) for r in rows]


@router.get("/registrations/{pk}", response=RegistrationOut)
def registration(request: HttpRequest, pk: int):
    found = api_object_or_404(
        request, "licensing.view", BusinessRegistration.objects.select_related("owner"), pk=pk
    )
    return _out(found)
