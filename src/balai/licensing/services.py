"""Changing registrations: create, submit to OSS (safely retried), issue the NIB documents.

Each state change is one transaction with its audit event. The call to OSS happens between two
transactions: the attempt is committed before the request leaves, and the answer is recorded
after it comes back, so a crash or a timeout leaves a row that says "OSS may have this one".
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.permissions import can
from balai.audit.services import audit_record
from balai.licensing.choices import (
    KBLI_EDITION,
    AttemptOutcome,
    Certificate,
    RegistrationStatus,
    RiskLevel,
    Scale,
)
from balai.licensing.errors import LicensingError
from balai.licensing.gateway import GatewayResult, OssGateway
from balai.licensing.kbli import kbli_known, kbli_risk_of
from balai.licensing.models import BusinessRegistration, GatewayAttempt
from balai.licensing.rules import CERTIFICATE_FOR, risk_highest, scale_for
from balai.people.nik import nik_errors

# Outreach days register individual micro and small businesses (the issue's scope).
ALLOWED_SCALES = {Scale.MICRO, Scale.SMALL}
FINAL = {RegistrationStatus.ISSUED, RegistrationStatus.REJECTED}


def permission_require(actor: Any, perm: str, obj: Any) -> None:
    # `actor=None` is the system itself (a management command run by the host's operator).
    if actor is not None and not can(actor, perm, obj):
        raise LicensingError(403, "forbidden", _("Anda tidak berwenang untuk tindakan ini."))


def _error(field: str, code: str, message: str) -> dict[str, str]:
    return {"field": field, "code": code, "message": message}


def kbli_parse(value: Any) -> list[str]:
    """ "56102, 10794" or "56102 10794" or a list: five-digit codes in order, without repeats."""
    parts = value if isinstance(value, list | tuple) else str(value or "").replace(";", ",")
    if isinstance(parts, str):
        parts = parts.replace(",", " ").split()
    codes: list[str] = []
    for part in parts:
        code = str(part).strip()
        # A spreadsheet keeps 01111 as the number 1111: put its leading zero back.
        if code.isdigit() and len(code) < 5:
            code = code.zfill(5)
        if code and code not in codes:
            codes.append(code)
    return codes


def _whole(value: Any) -> int | None:
    text = str(value if value is not None else "").strip().replace(".", "").replace(" ", "")
    text = text.removeprefix("Rp").removesuffix(",00")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return int(text) if text.isdigit() else None


@dataclass(frozen=True)
class CheckedRegistration:
    owner: Any
    business_name: str
    village: Any
    address: str
    kbli_codes: list[str]
    capital: int
    workers: int
    scale: str
    risk_level: str


class CheckCache:
    """Reference data loaded once for a whole file instead of once per row: district codes for
    the NIK rule, the regency's villages, the KBLI edition's codes and their risks."""

    def __init__(self, *, regency_code: str, edition: str = KBLI_EDITION) -> None:
        from balai.licensing.models import KbliCode, KbliRisk
        from balai.regions.models import Level, Region

        self.districts = set(
            Region.objects.filter(level=Level.DISTRICT).values_list("code", flat=True)
        )
        self.villages = {
            r.code: r
            for r in Region.objects.filter(level=Level.VILLAGE, code__startswith=regency_code + ".")
        }
        self.kbli = set(KbliCode.objects.filter(edition=edition).values_list("code", flat=True))
        self.risks = dict(
            KbliRisk.objects.filter(edition=edition).values_list("code", "risk_level")
        )


def registration_check(
    *,
    data: dict[str, Any],
    regency_code: str,
    edition: str = KBLI_EDITION,
    cache: CheckCache | None = None,
) -> tuple[CheckedRegistration | None, list[dict[str, str]]]:
    """Every problem of one registration at once, as [{field, code, message}] in Indonesian.
    `data`: nik, nama_usaha, kbli, alamat_usaha, kode_desa, modal, tenaga_kerja."""
    from balai.people.models import Resident
    from balai.regions.models import Level, Region

    errors: list[dict[str, str]] = []
    nik = str(data.get("nik") or "").strip()
    owner = None
    problems = nik_errors(nik, districts=cache.districts) if cache else nik_errors(nik)
    if problems:
        errors += [_error("nik", p.code, p.message) for p in problems]
    else:
        owner = Resident.objects.filter(regency_code=regency_code, nik=nik).first()
        if owner is None:
            errors.append(_error("nik", "resident_unknown", _("NIK tidak terdaftar di kabupaten.")))
        elif owner.status != "hidup":
            errors.append(_error("nik", "resident_inactive", _("Penduduk tidak berstatus hidup.")))
    name = str(data.get("nama_usaha") or "").strip()
    if not name:
        errors.append(_error("nama_usaha", "required", _("Nama usaha wajib diisi.")))
    address = str(data.get("alamat_usaha") or "").strip()
    if not address:
        errors.append(_error("alamat_usaha", "required", _("Alamat usaha wajib diisi.")))
    village_code = str(data.get("kode_desa") or "").strip()
    village = (
        cache.villages.get(village_code)
        if cache
        else Region.objects.filter(code=village_code, level=Level.VILLAGE).first()
    )
    if village is None or not village_code.startswith(regency_code + "."):
        errors.append(_error("kode_desa", "village_unknown", _("Kode desa tidak dikenal.")))
    codes = kbli_parse(data.get("kbli"))
    if not codes:
        errors.append(_error("kbli", "required", _("Minimal satu kode KBLI.")))
    known = cache.kbli if cache else kbli_known(codes, edition=edition)
    unknown = [c for c in codes if c not in known]
    for code in unknown:
        errors.append(
            _error(
                "kbli",
                "kbli_unknown",
                _("KBLI %(code)s tidak ada di KBLI %(edition)s.")
                % {"code": code, "edition": edition},
            )
        )
    capital, workers = _whole(data.get("modal")), _whole(data.get("tenaga_kerja"))
    if capital is None:
        errors.append(_error("modal", "number", _("Modal harus angka rupiah.")))
    elif scale_for(capital) not in ALLOWED_SCALES:
        errors.append(
            _error("modal", "scale", _("Modal di atas Rp5 miliar bukan usaha mikro atau kecil."))
        )
    if workers is None:
        errors.append(_error("tenaga_kerja", "number", _("Tenaga kerja harus angka.")))
    if errors:
        return None, errors
    assert capital is not None and workers is not None and owner is not None
    risks = cache.risks if cache else kbli_risk_of(codes, edition=edition)
    return (
        CheckedRegistration(
            owner=owner,
            business_name=name,
            village=village,
            address=address,
            kbli_codes=codes,
            capital=capital,
            workers=workers,
            scale=scale_for(capital),
            # A code without a risk row is treated as low until the table says otherwise.
            risk_level=risk_highest([risks.get(c, RiskLevel.LOW) for c in codes]),
        ),
        [],
    )


def registration_create(
    *,
    actor: Any,
    checked: CheckedRegistration,
    agency: Any = None,
    edition: str = KBLI_EDITION,
) -> BusinessRegistration:
    registration = BusinessRegistration(
        regency_code=checked.village.code[:5],
        owner=checked.owner,
        owner_name=checked.owner.name,
        business_name=checked.business_name,
        village=checked.village,
        address=checked.address,
        kbli_edition=edition,
        kbli_codes=checked.kbli_codes,
        capital=checked.capital,
        workers=checked.workers,
        scale=checked.scale,
        risk_level=checked.risk_level,
        agency=agency,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    permission_require(actor, "licensing.register", registration)
    with transaction.atomic():
        registration.save()
        audit_record(
            actor=actor,
            action="licensing.registration_created",
            obj=registration,
            region_code=registration.village_id,
            after={
                "owner_nik": checked.owner.nik,
                "business_name": registration.business_name,
                "kbli": registration.kbli_codes,
                "risk": registration.risk_level,
                "scale": registration.scale,
            },
        )
    return registration


def gateway_payload(registration: BusinessRegistration) -> dict[str, Any]:
    owner = registration.owner
    return {
        "nik": owner.nik,
        "nama": owner.name,
        "nama_usaha": registration.business_name,
        "kbli": registration.kbli_codes,
        "kbli_edisi": registration.kbli_edition,
        "alamat": registration.address,
        "kode_desa": registration.village_id,
        "modal": registration.capital,
        "tenaga_kerja": registration.workers,
        "skala": registration.scale,
    }


def _attempt_begin(pk: int) -> tuple[BusinessRegistration, GatewayAttempt | None, bool]:
    """Locks the registration and records the attempt, committed before the request leaves.
    Returns whether OSS must first be asked by key (an earlier answer never came back)."""
    with transaction.atomic():
        registration = BusinessRegistration.objects.select_for_update().get(pk=pk)
        if registration.status in FINAL:
            return registration, None, False
        unanswered = registration.gateway_attempts.filter(
            outcome__in=[AttemptOutcome.PENDING, AttemptOutcome.TIMEOUT]
        ).exists()
        attempt = GatewayAttempt.objects.create(
            regency_code=registration.regency_code,
            registration=registration,
            idempotency_key=registration.idempotency_key,
            started_at=timezone.now(),
        )
        registration.status = RegistrationStatus.SUBMITTING
        registration.attempts += 1
        registration.save(update_fields=["status", "attempts", "updated_at"])
    return registration, attempt, unanswered


def _call(gateway: OssGateway, registration: BusinessRegistration, ask_first: bool) -> tuple:
    key = str(registration.idempotency_key)
    if ask_first:
        found = gateway.lookup(key=key)
        if found.kind == "issued" and found.nib:
            return found, AttemptOutcome.FOUND
        if found.kind != "not_found":
            return found, None
    return gateway.register(key=key, payload=gateway_payload(registration)), None


_OUTCOME = {
    "issued": AttemptOutcome.ISSUED,
    "timeout": AttemptOutcome.TIMEOUT,
    "server_error": AttemptOutcome.SERVER_ERROR,
    "unreachable": AttemptOutcome.UNREACHABLE,
    "rejected": AttemptOutcome.REJECTED,
}


def _attempt_finish(
    *, actor: Any, pk: int, attempt: GatewayAttempt, result: GatewayResult, outcome: str | None
) -> BusinessRegistration:
    outcome = outcome or _OUTCOME.get(result.kind, AttemptOutcome.SERVER_ERROR)
    with transaction.atomic():
        registration = BusinessRegistration.objects.select_for_update().get(pk=pk)
        attempt.outcome = outcome
        attempt.http_status = result.http_status
        attempt.detail = (result.detail or "")[:500]
        attempt.finished_at = timezone.now()
        attempt.save(update_fields=["outcome", "http_status", "detail", "finished_at"])
        before = registration.status
        if outcome in (AttemptOutcome.ISSUED, AttemptOutcome.FOUND) and result.nib:
            registration.status = RegistrationStatus.ISSUED
            registration.nib = result.nib
            registration.nib_issued_at = attempt.finished_at
            registration.certificate = CERTIFICATE_FOR[registration.risk_level]
            registration.last_error_code = registration.last_error = ""
            action = "licensing.nib_issued"
        elif outcome == AttemptOutcome.REJECTED:
            registration.status = RegistrationStatus.REJECTED
            registration.last_error_code = "oss_rejected"
            registration.last_error = (
                "; ".join(e.get("message", "") for e in result.errors) or result.detail
            )
            action = "licensing.oss_rejected"
        else:
            registration.status = RegistrationStatus.RETRY
            registration.last_error_code = outcome
            registration.last_error = result.detail[:500]
            action = "licensing.oss_retry"
        registration.save(
            update_fields=[
                "status",
                "nib",
                "nib_issued_at",
                "certificate",
                "last_error_code",
                "last_error",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action=action,
            obj=registration,
            region_code=registration.village_id,
            before={"status": before},
            after={
                "status": registration.status,
                "nib": registration.nib,
                "attempt": attempt.pk,
                "outcome": outcome,
            },
        )
    return registration


def registration_submit(
    *,
    actor: Any,
    registration: BusinessRegistration,
    gateway: OssGateway,
    tries: int | None = None,
    backoff: float | None = None,
) -> BusinessRegistration:
    """Sends one registration to OSS, trying again on timeouts and server errors with the same
    key. Ends issued, rejected (OSS refused the data) or marked for retry."""
    permission_require(actor, "licensing.submit", registration)
    tries = tries or int(getattr(settings, "LICENSING_GATEWAY_TRIES", 3))
    backoff = float(
        getattr(settings, "LICENSING_GATEWAY_BACKOFF", 0.5) if backoff is None else backoff
    )
    current = registration
    for number in range(tries):
        current, attempt, ask_first = _attempt_begin(registration.pk)
        if attempt is None:
            return current
        result, outcome = _call(gateway, current, ask_first)
        current = _attempt_finish(
            actor=actor, pk=current.pk, attempt=attempt, result=result, outcome=outcome
        )
        if current.status != RegistrationStatus.RETRY:
            return current
        if backoff and number < tries - 1:
            time.sleep(backoff * (2**number))
    return current


# The catalog's services of the licensing office that a risk level's extra step is filed as.
FOLLOW_UP_SERVICE: dict[str, str] = {
    Certificate.VERIFICATION: "dpmptsp-sertifikat-standar",
    Certificate.PERMIT: "dpmptsp-izin-risiko-tinggi",
}


def registration_follow_up(
    *, actor: Any, registration: BusinessRegistration
) -> BusinessRegistration:
    """Files the case a medium-high risk (verified standard certificate) or a high risk (permit)
    needs after the NIB, once: the case's idempotency key is the registration's. Without the
    service in the catalog, or when the case is refused, the registration stays on the day's
    follow-up list with the reason."""
    from balai.cases.errors import CaseError
    from balai.cases.services import case_submit
    from balai.catalog.models import Service

    code = FOLLOW_UP_SERVICE.get(registration.certificate)
    if (
        code is None
        or registration.permit_case_id
        or registration.status != RegistrationStatus.ISSUED
    ):
        return registration
    service = Service.objects.filter(code=code).first()
    if service is None:
        return registration
    try:
        case = case_submit(
            actor=actor,
            service=service,
            applicant=registration.owner,
            channel="outreach",
            form_data={
                "nik_pemohon": registration.owner.nik,
                "kbli": ", ".join(registration.kbli_codes),
            },
            idempotency_key=f"licensing-{registration.idempotency_key}",
        )
    except CaseError as exc:
        with transaction.atomic():
            registration.last_error_code = f"follow_up_{exc.code}"[:40]
            registration.last_error = exc.message
            registration.save(update_fields=["last_error_code", "last_error", "updated_at"])
            audit_record(
                actor=actor,
                action="licensing.follow_up_refused",
                obj=registration,
                region_code=registration.village_id,
                after={"service": code, "code": exc.code},
            )
        return registration
    with transaction.atomic():
        registration.permit_case = case
        registration.save(update_fields=["permit_case", "updated_at"])
        audit_record(
            actor=actor,
            action="licensing.follow_up_filed",
            obj=registration,
            region_code=registration.village_id,
            after={"service": code, "case": case.pk},
        )
    return registration


NIB_BODY = (
    "Nomor Induk Berusaha (NIB) ini diterbitkan melalui sistem Online Single Submission (OSS) "
    "bagi pelaku usaha perseorangan berikut, sebagai identitas berusaha dan bukti pendaftaran "
    "kegiatan usaha berdasarkan tingkat risiko (PP 28/2025)."
)


def nib_document_type() -> Any:
    from balai.documents.choices import TemplateKind
    from balai.documents.services import document_type_ensure

    return document_type_ensure(
        code="nib", name="Nomor Induk Berusaha", template=TemplateKind.NIB, body=NIB_BODY
    )


def nib_office(regency_code: str) -> Any:
    """NIB prints are issued in the name of the regency's licensing office (DPMPTSP)."""
    from balai.documents.services import office_profile_get, office_profile_update
    from balai.regions.models import Region

    regency = Region.objects.get(code=regency_code)
    profile = office_profile_get(office=regency)
    if profile.signer_title in ("Kepala Desa", "Lurah"):
        # The documents app's default title is a village's; a regency office signs as DPMPTSP.
        office_profile_update(
            actor=None,
            office=regency,
            signer_title="Kepala Dinas Penanaman Modal dan PTSP",
            address="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        )
    return regency


def nib_form(registration: BusinessRegistration) -> dict[str, str]:
    from balai.licensing.models import KbliCode

    titles = dict(
        KbliCode.objects.filter(
            edition=registration.kbli_edition, code__in=registration.kbli_codes
        ).values_list("code", "title")
    )
    return {
        "nib": registration.nib or "",
        "nama_usaha": registration.business_name,
        "alamat_usaha": f"{registration.address}, {registration.village.name}",
        "kbli": "; ".join(f"{c} {titles.get(c, '')}".strip() for c in registration.kbli_codes),
        "skala_usaha": str(Scale(registration.scale).label),
        "tingkat_risiko": str(RiskLevel(registration.risk_level).label),
    }


@dataclass(frozen=True)
class IssueResult:
    issued: int
    merged_paths: list[str]


def registrations_issue_documents(
    *,
    actor: Any,
    registrations: Iterable[BusinessRegistration],
    chunk: int = 600,
    workers: int | None = None,
) -> IssueResult:
    """A signed NIB document for every issued registration that has none yet; a second run
    issues nothing. Chunks keep each transaction (and the number sequence's lock) short."""
    from balai.documents.bulk import documents_issue_bulk

    pending = [
        r
        for r in registrations
        if r.status == RegistrationStatus.ISSUED and r.nib and r.document_id is None
    ]
    for registration in pending:
        permission_require(actor, "licensing.issue", registration)
    if not pending:
        return IssueResult(issued=0, merged_paths=[])
    document_type = nib_document_type()
    issued, merged = 0, []
    by_regency: dict[str, list[BusinessRegistration]] = {}
    for registration in pending:
        by_regency.setdefault(registration.regency_code, []).append(registration)
    for regency_code, group in by_regency.items():
        office = nib_office(regency_code)
        for start in range(0, len(group), chunk):
            count, path = _issue_chunk(
                actor=actor,
                pks=[r.pk for r in group[start : start + chunk]],
                document_type=document_type,
                office=office,
                workers=workers,
                bulk=documents_issue_bulk,
            )
            issued += count
            if path:
                merged.append(path)
    return IssueResult(issued=issued, merged_paths=merged)


def _issue_chunk(
    *, actor: Any, pks: Sequence[int], document_type: Any, office: Any, workers: Any, bulk: Any
) -> tuple[int, str]:
    with transaction.atomic():
        # Locked and re-read: a concurrent run that got here first has set `document`.
        chunk = list(
            BusinessRegistration.objects.select_for_update()
            .filter(pk__in=pks, document__isnull=True, status=RegistrationStatus.ISSUED)
            .select_related("owner", "owner__village", "village")
            .order_by("pk")
        )
        if not chunk:
            return 0, ""
        # The number in the NIB is OSS's; the print is made by the system, in the regency's
        # name, for the officer named in the licensing audit event below.
        result = bulk(
            actor=None,
            document_type=document_type,
            residents=[r.owner for r in chunk],
            office=office,
            form_data_each=[nib_form(r) for r in chunk],
            workers=workers,
        )
        for registration, document in zip(chunk, result.documents, strict=True):
            registration.document = document
            registration.save(update_fields=["document", "updated_at"])
            audit_record(
                actor=actor,
                action="licensing.document_issued",
                obj=registration,
                region_code=registration.village_id,
                after={"document": document.pk, "number": document.number, "nib": registration.nib},
            )
    return len(chunk), result.merged_path
