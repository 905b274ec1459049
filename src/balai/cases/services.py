"""Changing cases: intake from every channel, workflow transitions, bulk actions.

Each function is one use case, called alike from pages, the API, the kiosk and commands. Each
runs in one transaction and writes its audit event inside it, with the actor passed in.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.audit.services import audit_record
from balai.cases import sla
from balai.cases.access import CITIZEN_ROLE, case_acting_role, case_may_submit, case_may_view
from balai.cases.attachments import Upload, _Written, attachments_save, uploads_check
from balai.cases.choices import (
    CATALOG_CHANNELS,
    REJECTION_REASONS,
    SUBMIT_ACTION,
    CaseStatus,
    Channel,
    RequirementStatus,
)
from balai.cases.errors import CaseError
from balai.cases.flow import action_in, case_workflow
from balai.cases.form_fields import form_validate
from balai.cases.models import Case, CaseAction, CaseRequirement, IdempotencyKey
from balai.cases.notices import case_notice
from balai.cases.standard import ServiceStandard, standard_for
from balai.cases.tracking import tracking_code_new
from balai.catalog.models import Agency
from balai.documents.case_products import case_product_issue
from balai.people.models import Resident
from balai.people.nik import mask_nik
from balai.workflow.choices import Office
from balai.workflow.engine import State, Workflow

_TRACKING_ATTEMPTS = 5


class _Citizen:
    """How a citizen appears as the actor of an audit event (staff appear as their account)."""

    pk = None

    def __init__(self, resident: Resident) -> None:
        self.label = f"warga {mask_nik(resident.nik)}"

    def __str__(self) -> str:
        return self.label


def _audit_actor(actor: Any) -> Any:
    return _Citizen(actor) if isinstance(actor, Resident) else actor


# --- intake ---------------------------------------------------------------------------------
def register_data(*, applicant: Resident, beneficiary: Resident) -> dict[str, Any]:
    """What the register already knows, so nobody types it again (once-only)."""

    def person(r: Resident) -> dict[str, Any]:
        return {
            "nik": r.nik,
            "name": r.name,
            "birth_place": r.birth_place,
            "birth_date": r.birth_date.isoformat(),
            "sex": r.sex,
            "religion": r.religion,
            "marital_status": r.marital_status,
            "occupation": r.occupation,
            "address": r.address,
            "dusun": r.dusun,
            "rt": r.rt,
            "rw": r.rw,
            "village_code": r.village_id,
            "kk_number": r.family.kk_number if r.family_id else "",
            "relationship": r.relationship,
        }

    return {"applicant": person(applicant), "beneficiary": person(beneficiary)}


def _office_for(state: State, *, applicant: Resident, service: Any) -> tuple[str, Any]:
    """(region code, agency id) of the office that owns `state` for this applicant."""
    if state.office == Office.APPLICANT_VILLAGE:
        return applicant.village_id, None
    if state.office == Office.APPLICANT_DISTRICT:
        return ".".join(applicant.village_id.split(".")[:3]), None
    if state.office == Office.AGENCY:
        return "", service.agency_id
    if state.office == Office.REVIEW_AGENCY:
        return "", Agency.objects.only("pk").get(code=state.agency).pk
    return "", None


def _status_for(flow: Workflow, state: State) -> str:
    if state.terminal:
        return {
            "issued": CaseStatus.ISSUED,
            "rejected": CaseStatus.REJECTED,
            "cancelled": CaseStatus.CANCELLED,
        }.get(state.outcome or "", CaseStatus.CANCELLED)
    if state.waits_on_citizen:
        return CaseStatus.NEEDS_CORRECTION
    if state.code == flow.initial:
        return CaseStatus.SUBMITTED
    return CaseStatus.IN_PROCESS


def _calendar_for(*, service_point: Any, region_code: str) -> sla.WorkCalendar:
    tz_name = getattr(service_point, "timezone", None)
    return sla.work_calendar(tz_name=tz_name, region_code=region_code, service_point=service_point)


def _request_hash(**parts: Any) -> str:
    body = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(body.encode()).hexdigest()


def _idempotency_scope(actor: Any) -> str:
    if isinstance(actor, Resident):
        return f"resident:{actor.pk}"
    return f"user:{actor.pk}"


def _claim_key(
    *, scope: str, key: str, request_hash: str
) -> tuple[IdempotencyKey | None, Case | None]:
    """Insert the key first: the unique constraint makes concurrent twins wait, then lose.

    Returns (the new key row, None) for the first request, or (None, existing case) for a
    repeat. On PostgreSQL the losing INSERT blocks until the winner commits, then fails on the
    constraint and reads the winner's row.
    """
    try:
        with transaction.atomic():
            return IdempotencyKey.objects.create(
                scope=scope, key=key, request_hash=request_hash
            ), None
    except IntegrityError:
        existing = IdempotencyKey.objects.select_related("case").get(scope=scope, key=key)
    if existing.request_hash != request_hash:
        raise CaseError(
            422,
            "idempotency_key_reused",
            _("Kunci idempotensi ini sudah dipakai untuk permohonan yang berbeda."),
        )
    return None, existing.case


def _check_beneficiary(applicant: Resident, beneficiary: Resident) -> None:
    # An applicant may act for a member of their own family (one Kartu Keluarga), no one else.
    if beneficiary.pk == applicant.pk:
        return
    if applicant.family_id is None or beneficiary.family_id != applicant.family_id:
        raise CaseError(
            422,
            "beneficiary_not_family",
            _("Penerima manfaat harus anggota keluarga pemohon dalam satu Kartu Keluarga."),
        )


def _insert_case(case: Case) -> None:
    for _attempt in range(_TRACKING_ATTEMPTS):
        case.tracking_code = tracking_code_new()
        try:
            with transaction.atomic():
                case.save(force_insert=True)
            return
        except IntegrityError:
            if Case.objects.filter(tracking_code=case.tracking_code).exists():
                continue
            raise
    raise CaseError(503, "tracking_code_exhausted", _("Gagal membuat kode lacak, coba lagi."))


def _requirement_rows(
    case: Case, standard: ServiceStandard, shown: list[str]
) -> list[CaseRequirement]:
    rows = []
    for req in standard.requirements:
        # Once-only: what Balai holds itself (the family register) is never asked for again.
        if req.get("satisfied_by") == "register":
            status = RequirementStatus.REGISTER
        elif req["code"] in shown:
            status = RequirementStatus.SHOWN
        else:
            status = RequirementStatus.MISSING
        rows.append(CaseRequirement(case=case, code=req["code"], name=req["name"], status=status))
    return rows


def case_submit(
    *,
    actor: Any,
    service: Any,
    applicant: Resident,
    beneficiary: Resident | None = None,
    channel: str,
    service_point: Any = None,
    form_data: dict[str, Any],
    idempotency_key: str | None = None,
    standard: ServiceStandard | None = None,
    attachments: list[Upload] | None = None,
    shown: list[str] | None = None,
) -> Case:
    """File one application, from any channel. `standard` defaults to the published one.

    `attachments` are files handed in with it (checked before anything is written; one bad
    file refuses the whole submission); `shown` are codes of requirements whose original the
    counter has seen. A standard with a fee gives the case its bill.

    The returned case carries `replayed`: True when an earlier submission with the same
    idempotency key made it (the API answers 200 instead of 201).
    """
    beneficiary = beneficiary or applicant
    if channel not in Channel.values:
        raise CaseError(422, "invalid_channel", _("Kanal pengajuan tidak dikenal."))
    if not case_may_submit(
        actor=actor,
        applicant=applicant,
        service=service,
        service_point=service_point,
        channel=channel,
    ):
        raise CaseError(403, "forbidden", _("Anda tidak berwenang mengajukan permohonan ini."))
    _check_beneficiary(applicant, beneficiary)
    standard = standard or standard_for(service)
    if standard.channels and not CATALOG_CHANNELS[channel] & set(standard.channels):
        raise CaseError(
            422, "channel_not_offered", _("Layanan ini tidak tersedia melalui kanal ini.")
        )
    cleaned = form_validate(fields=standard.form_fields, data=form_data)
    flow = case_workflow(standard.workflow_definition)
    first = flow.state(flow.initial)
    checked = uploads_check(attachments or [])
    shown = _check_shown(actor, standard, shown or [])
    written = _Written()
    try:
        return _submit(
            actor=actor,
            service=service,
            applicant=applicant,
            beneficiary=beneficiary,
            channel=channel,
            service_point=service_point,
            idempotency_key=idempotency_key,
            standard=standard,
            cleaned=cleaned,
            flow=flow,
            first=first,
            checked=checked,
            shown=shown,
            written=written,
        )
    except BaseException:
        written.forget_on_failure()
        raise


def _check_shown(actor: Any, standard: ServiceStandard, shown: list[str]) -> list[str]:
    if not shown:
        return []
    if isinstance(actor, Resident):
        raise CaseError(
            403, "forbidden", _("Hanya petugas yang dapat menandai persyaratan ditunjukkan.")
        )
    known = {r["code"] for r in standard.requirements}
    unknown = sorted(set(shown) - known)
    if unknown:
        raise CaseError(
            422,
            "unknown_requirement",
            _("Persyaratan ini tidak ada pada layanan."),
            {"requirement": unknown[0][:60]},
        )
    return sorted(set(shown))


def _submit(
    *,
    actor: Any,
    service: Any,
    applicant: Resident,
    beneficiary: Resident,
    channel: str,
    service_point: Any,
    idempotency_key: str | None,
    standard: ServiceStandard,
    cleaned: dict[str, Any],
    flow: Workflow,
    first: State,
    checked: list,
    shown: list[str],
    written: _Written,
) -> Case:
    with transaction.atomic():
        key_row = None
        if idempotency_key:
            key_row, existing = _claim_key(
                scope=_idempotency_scope(actor),
                key=idempotency_key,
                request_hash=_request_hash(
                    service=service.pk,
                    applicant=applicant.pk,
                    beneficiary=beneficiary.pk,
                    channel=channel,
                    service_point=getattr(service_point, "pk", None),
                    form=cleaned,
                    files=[(c.requirement_code, c.file.original_sha256) for c in checked],
                    shown=shown,
                ),
            )
            if existing is not None:
                existing.replayed = True
                return existing
        now = timezone.now()
        region, agency_id = _office_for(first, applicant=applicant, service=service)
        case = Case(
            regency_code=applicant.regency_code,
            service=service,
            service_version=standard.version,
            workflow_code=standard.workflow_code,
            workflow_version=standard.workflow_version,
            workflow_definition=standard.workflow_definition,
            applicant=applicant,
            beneficiary=beneficiary,
            channel=channel,
            service_point=service_point,
            submitted_by=None if isinstance(actor, Resident) else actor,
            state=first.code,
            status=_status_for(flow, first),
            office_region_code=region,
            office_agency_id=agency_id,
            form_data=cleaned,
            register_data=register_data(applicant=applicant, beneficiary=beneficiary),
            submitted_at=now,
            sla_amount=standard.sla_amount,
            sla_unit=standard.sla_unit,
        )
        calendar = _calendar_for(service_point=service_point, region_code=applicant.village_id)
        case.due_at = sla.sla_due(
            start=now, amount=case.sla_amount, unit=case.sla_unit, paused=0, calendar=calendar
        )
        _insert_case(case)
        CaseRequirement.objects.bulk_create(_requirement_rows(case, standard, shown))
        role = CITIZEN_ROLE if isinstance(actor, Resident) else _submit_role(actor)
        submit_row = CaseAction.objects.create(
            case=case,
            action=SUBMIT_ACTION,
            from_state="",
            to_state=first.code,
            actor=case.submitted_by,
            role=role,
            at=now,
        )
        files = attachments_save(
            case=case,
            uploads=checked,
            actor=actor,
            role=role,
            case_action=submit_row,
            written=written,
        )
        bill = None
        # A state company's bill (PLN, PDAM) is paid in its own system: no bill here.
        if standard.fee and standard.fee_collector != "bumn":
            from balai.payments.services import bill_create

            bill = bill_create(
                actor=_audit_actor(actor),
                case=case,
                amount=standard.fee,
                legal_basis=standard.fee_legal_basis,
                collector=standard.fee_collector,
            )
        if key_row is not None:
            key_row.case = case
            key_row.save(update_fields=["case"])
        case.replayed = False
        case_notice(case=case, action=SUBMIT_ACTION)
        audit_record(
            actor=_audit_actor(actor),
            action="cases.submit",
            obj=case,
            region_code=applicant.village_id,
            after={
                "tracking_code": case.tracking_code,
                "service": service.code,
                "channel": channel,
                "state": case.state,
                "on_behalf_of_family": beneficiary.pk != applicant.pk,
                "files": [f.sha256 for f in files],
                "shown": shown,
                "bill": bill.reference if bill else None,
            },
        )
    return case


def _submit_role(actor: Any) -> str:
    from balai.accounts.permissions import granting

    roles = sorted(a.role for a in granting(actor, "cases.submit"))
    return roles[0] if roles else ("superuser" if getattr(actor, "is_superuser", False) else "")


# --- transitions ----------------------------------------------------------------------------
def _check_reason(target: State, reason_code: str | None, comment: str) -> str:
    if target.outcome == "rejected":
        if reason_code not in REJECTION_REASONS:
            raise CaseError(422, "reason_required", _("Pilih alasan penolakan dari daftar."))
        return reason_code or ""
    if reason_code and reason_code not in REJECTION_REASONS:
        raise CaseError(422, "invalid_reason", _("Alasan tidak dikenal."))
    return reason_code or ""


def _move_clock(case: Case, *, leaving: State, entering: State, now: Any) -> None:
    """Time waiting on the citizen does not count against the office: pause, then resume."""
    calendar = _calendar_for(
        service_point=case.service_point, region_code=case.applicant.village_id
    )
    if leaving.waits_on_citizen and case.sla_paused_at is not None:
        case.sla_paused += sla.sla_pause_length(
            start=case.sla_paused_at, end=now, unit=case.sla_unit, calendar=calendar
        )
        case.sla_paused_at = None
        case.due_at = sla.sla_due(
            start=case.submitted_at,
            amount=case.sla_amount,
            unit=case.sla_unit,
            paused=case.sla_paused,
            calendar=calendar,
        )
    if entering.waits_on_citizen and case.sla_paused_at is None:
        case.sla_paused_at = now


def case_act(
    *,
    actor: Any,
    case: Case,
    action: str,
    comment: str = "",
    reason_code: str | None = None,
    attachments: list[Upload] | None = None,
) -> Case:
    """Take one workflow action on a case, as the workflow and the actor's role and scope allow.

    `attachments` come with the action: a report an action requires (`attachment_required`),
    or the corrected scans of a resubmission. An action that needs payment
    (`payments.guard.action_needs_payment`) waits until the bill is paid or waived.
    """
    comment = (comment or "").strip()
    checked = uploads_check(attachments or [])
    written = _Written()
    try:
        return _act(
            actor=actor,
            case=case,
            action=action,
            comment=comment,
            reason_code=reason_code,
            checked=checked,
            written=written,
        )
    except BaseException:
        written.forget_on_failure()
        raise


def _act(
    *,
    actor: Any,
    case: Case,
    action: str,
    comment: str,
    reason_code: str | None,
    checked: list,
    written: _Written,
) -> Case:
    from balai.payments.guard import action_needs_payment, case_payment_settled

    with transaction.atomic():
        # The row lock serialises two officers acting on the same case at once.
        case = (
            Case.objects.select_for_update(of=("self",))
            .select_related("applicant", "service", "service_point")
            .get(pk=case.pk)
        )
        if not case_may_view(viewer=actor, case=case):
            raise CaseError(404, "not_found", _("Permohonan tidak ditemukan."))
        flow = case_workflow(case.workflow_definition)
        step = action_in(flow, case.state, action)
        if step is None:
            raise CaseError(
                409, "action_not_available", _("Tindakan ini tidak tersedia pada tahap ini.")
            )
        role = case_acting_role(actor=actor, case=case, step=step)
        if role is None:
            raise CaseError(403, "forbidden", _("Anda tidak berwenang melakukan tindakan ini."))
        if "\x00" in comment:
            raise CaseError(
                422, "invalid_comment", _("Catatan mengandung karakter yang tidak sah.")
            )
        if step.comment_required and not comment:
            raise CaseError(422, "comment_required", _("Tindakan ini wajib disertai catatan."))
        if step.attachment_required and not checked:
            raise CaseError(
                422, "attachment_required", _("Tindakan ini wajib disertai lampiran berkas.")
            )
        leaving, entering = flow.state(case.state), flow.state(step.to)
        if action_needs_payment(step, entering) and not case_payment_settled(case):
            raise CaseError(
                409,
                "payment_required",
                _("Biaya layanan belum lunas atau dibebaskan; tindakan ini belum dapat dilakukan."),
            )
        reason = _check_reason(entering, reason_code, comment)
        now = timezone.now()
        before = {"state": case.state, "status": case.status}
        _move_clock(case, leaving=leaving, entering=entering, now=now)
        case.state = entering.code
        case.status = _status_for(flow, entering)
        if entering.office != Office.NONE:
            case.office_region_code, case.office_agency_id = _office_for(
                entering, applicant=case.applicant, service=case.service
            )
        # A state held by no office (issued, rejected) stays with the last office that held
        # it, so that office keeps it in its records and nobody else gains sight of it.
        if entering.terminal:
            case.closed_at = now
        case.save(
            update_fields=[
                "state",
                "status",
                "office_region_code",
                "office_agency",
                "sla_paused",
                "sla_paused_at",
                "due_at",
                "closed_at",
                "updated_at",
            ]
        )
        row = CaseAction.objects.create(
            case=case,
            action=step.code,
            from_state=leaving.code,
            to_state=entering.code,
            actor=None if isinstance(actor, Resident) else actor,
            role=role,
            comment=comment,
            reason_code=reason,
            at=now,
        )
        files = attachments_save(
            case=case, uploads=checked, actor=actor, role=role, case_action=row, written=written
        )
        audit_record(
            actor=_audit_actor(actor),
            action=f"cases.{step.code}",
            obj=case,
            region_code=case.applicant.village_id,
            before=before,
            after={
                "state": case.state,
                "status": case.status,
                "role": role,
                "reason": reason,
                **({"files": [f.sha256 for f in files]} if files else {}),
            },
        )
        if entering.outcome == "issued":
            # Issued in this transaction: a refused signature undoes the action (documents.md).
            case_product_issue(actor=actor, case=case)
        case_notice(case=case, action=step.code, reason_code=reason)
    return case


def case_bulk_act(
    *, actor: Any, cases: list[Case], action: str, comment: str = ""
) -> dict[int, CaseError | None]:
    """The same action on many cases; each is its own transaction and audit event.

    One refused case does not undo the others: the result says, per case id, which failed.
    """
    results: dict[int, CaseError | None] = {}
    for case in cases:
        try:
            case_act(actor=actor, case=case, action=action, comment=comment)
            results[case.pk] = None
        except CaseError as exc:
            results[case.pk] = exc
    return results
