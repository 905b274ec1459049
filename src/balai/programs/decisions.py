"""Field verification, the owner's decision, refusal with reasons, and one appeal."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.audit.services import audit_record
from balai.programs.choices import ApplicationStatus, BenefitKind
from balai.programs.errors import ProgramError
from balai.programs.models import Application, Voucher
from balai.programs.services import _quota_release, _quota_retake, permission_require

VOUCHER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update().select_related("programme").get(pk=application.pk)
    )


def _bad_state(application: Application) -> ProgramError:
    return ProgramError(
        409,
        "bad_state",
        _("Permohonan berstatus %(s)s: tindakan ini tidak dapat dilakukan.")
        % {"s": application.get_status_display()},
    )


def application_verify(
    *,
    actor: Any,
    application: Application,
    latitude: Decimal | float | None,
    longitude: Decimal | float | None,
    checklist: dict[str, bool],
    photo: UploadedFile | None = None,
) -> Application:
    """The officer's visit: the phone gives the position, the server gives the time."""
    permission_require(actor, "programs.verify", application)
    if latitude is None or longitude is None:
        raise ProgramError(400, "no_position", _("Posisi GPS belum didapat dari ponsel."))
    if not (-90 <= float(latitude) <= 90 and -180 <= float(longitude) <= 180):
        raise ProgramError(400, "bad_position", _("Posisi GPS tidak valid."))
    with transaction.atomic():
        app = _locked(application)
        if app.status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.APPEALED):
            raise _bad_state(app)
        app.latitude = Decimal(str(round(float(latitude), 6)))
        app.longitude = Decimal(str(round(float(longitude), 6)))
        app.checklist = {str(k): bool(v) for k, v in checklist.items()}
        app.verified_at = timezone.now()
        app.verified_by = actor if getattr(actor, "pk", None) else None
        app.status = ApplicationStatus.VERIFIED
        if photo is not None:
            app.photo.save(f"{app.tracking_code}.jpg", photo, save=False)
        app.save()
        audit_record(
            actor=actor,
            action="programs.application.verify",
            obj=app,
            region_code=app.village_id,
            after={"lat": str(app.latitude), "lon": str(app.longitude), "checklist": app.checklist},
        )
    return app


def application_approve(*, actor: Any, application: Application) -> Application:
    """The programme owner's approval, after field verification; vouchers are issued at once."""
    permission_require(actor, "programs.decide", application)
    with transaction.atomic():
        app = _locked(application)
        verified_appeal = app.status == ApplicationStatus.APPEALED and app.verified_at
        if app.status != ApplicationStatus.VERIFIED and not verified_appeal:
            raise _bad_state(app)
        app.status = ApplicationStatus.APPROVED
        app.decided_at = timezone.now()
        app.decided_by = actor if getattr(actor, "pk", None) else None
        app.save(update_fields=["status", "decided_at", "decided_by"])
        if app.programme.benefit_kind == BenefitKind.VOUCHER:
            _vouchers_issue(app)
        audit_record(
            actor=actor,
            action="programs.application.approve",
            obj=app,
            region_code=app.village_id,
            after={"status": app.status, "amount": app.amount},
        )
    return app


def _vouchers_issue(app: Application) -> None:
    programme = app.programme
    first = timezone.localdate().replace(day=1)
    vouchers = []
    for m in range(programme.benefit_months):
        year, month = divmod(first.month - 1 + m, 12)
        month_start = dt.date(first.year + year, month + 1, 1)
        for _n in range(programme.benefit_count):
            vouchers.append(
                Voucher(
                    regency_code=app.regency_code,
                    application=app,
                    code="OK" + "".join(secrets.choice(VOUCHER_ALPHABET) for _ in range(10)),
                    value=programme.benefit_value,
                    month=month_start,
                )
            )
    Voucher.objects.bulk_create(vouchers)


def application_refuse(*, actor: Any, application: Application, reason: str) -> Application:
    """A refusal always carries its reason; the place in the quota goes back to the pool."""
    permission_require(actor, "programs.decide", application)
    reason = (reason or "").strip()
    if not reason:
        raise ProgramError(400, "reason_required", _("Alasan penolakan wajib diisi."))
    with transaction.atomic():
        app = _locked(application)
        if app.status not in (
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.VERIFIED,
            ApplicationStatus.APPEALED,
        ):
            raise _bad_state(app)
        app.status = ApplicationStatus.REFUSED
        app.refusal_reason = reason
        app.decided_at = timezone.now()
        app.decided_by = actor if getattr(actor, "pk", None) else None
        app.save(update_fields=["status", "refusal_reason", "decided_at", "decided_by"])
        _quota_release(app)
        audit_record(
            actor=actor,
            action="programs.application.refuse",
            obj=app,
            region_code=app.village_id,
            after={"status": app.status, "reason": reason},
        )
    return app


def application_appeal(*, actor: Any, application: Application, reason: str) -> Application:
    """One appeal per application (the decision after it is final); it takes a place again."""
    reason = (reason or "").strip()
    if not reason:
        raise ProgramError(400, "reason_required", _("Alasan banding wajib diisi."))
    with transaction.atomic():
        app = _locked(application)
        if app.status != ApplicationStatus.REFUSED:
            raise _bad_state(app)
        if app.appealed_at is not None:
            raise ProgramError(409, "appeal_used", _("Banding hanya dapat diajukan satu kali."))
        _quota_retake(app)
        app.status = ApplicationStatus.APPEALED
        app.appealed_at = timezone.now()
        app.appeal_reason = reason
        app.save(update_fields=["status", "appealed_at", "appeal_reason"])
        audit_record(
            actor=actor,
            action="programs.application.appeal",
            obj=app,
            region_code=app.village_id,
            after={"status": app.status, "reason": reason},
        )
    return app
