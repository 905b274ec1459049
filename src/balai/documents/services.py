"""Changing documents: syncing types from the catalog, issuing, revoking, re-issuing, voiding
numbers. Each is one transaction with its audit event; the number is taken inside it."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.permissions import can
from balai.audit.services import audit_record
from balai.documents import keystore
from balai.documents.agency_products import agency_product, agency_type_code
from balai.documents.bodies import body_for
from balai.documents.choices import DocumentStatus
from balai.documents.classification import (
    agency_classification_for,
    classification_for,
    legal_basis_for,
)
from balai.documents.errors import DocumentError
from balai.documents.issuers import (
    agency_profile_get,
    issuer_for,
    issuer_signer,
    office_profile_get,
)
from balai.documents.models import Document, DocumentNumberVoid, DocumentType, OfficeProfile
from balai.documents.numbering import number_format_check, number_take
from balai.documents.rendering import letter_data, letter_render
from balai.documents.seal import seal_encode
from balai.documents.signing import Signer
from balai.people.nik import mask_nik
from balai.regions.models import Region

__all__ = ["agency_profile_get", "office_profile_get"]


def permission_require(actor: Any, perm: str, obj: Any) -> None:
    # `actor=None` is the system itself (management commands run by the operator of the host).
    if actor is not None and not can(actor, perm, obj):
        raise DocumentError("forbidden", _("Anda tidak berwenang untuk tindakan ini."))


def document_types_sync(*, actor: Any = None) -> list[str]:
    """A DocumentType for every village letter product in the published catalog, and for
    every agency product Balai issues itself (`agency_products.PRODUCTS`)."""
    from balai.catalog.selectors import services_published, village_letter_services

    created = []
    with transaction.atomic():
        for service in village_letter_services():
            version = service.published_version
            code = version.product_document_type
            _type, made = DocumentType.objects.get_or_create(
                code=code,
                defaults={
                    "name": version.product_name,
                    "body": body_for(code),
                    "classification_code": classification_for(code),
                    "legal_basis": legal_basis_for(code),
                    "service_code": service.code,
                },
            )
            if made:
                created.append(code)
        for service in (
            services_published()
            .filter(agency__isnull=False)
            .select_related("agency", "published_version")
        ):
            made_type = agency_document_type_ensure(
                agency=service.agency,
                product_code=service.published_version.product_document_type,
                service_code=service.code,
            )
            if made_type is not None and made_type[1]:
                created.append(made_type[0].code)
        if created:
            audit_record(
                actor=actor,
                action="documents.types_synced",
                object_type="documents.documenttype",
                object_id="sync",
                after={"created": created},
            )
    return created


def agency_document_type_ensure(
    *, agency: Any, product_code: str, service_code: str = ""
) -> tuple[DocumentType, bool] | None:
    """The agency's DocumentType for a catalog product (made on first use), or None when the
    product is not one Balai issues itself."""
    product = agency_product(agency.code, product_code)
    if product is None:
        return None
    return DocumentType.objects.get_or_create(
        agency=agency,
        product_code=product_code,
        defaults={
            "code": agency_type_code(agency.code, product_code),
            "name": product.name,
            "template": product.template,
            "body": product.body,
            "classification_code": agency_classification_for(product.name),
            "service_code": service_code,
        },
    )


def office_profile_update(*, actor: Any, office: Region, **changes: str) -> OfficeProfile:
    with transaction.atomic():
        profile = office_profile_get(office=office)
        permission_require(actor, "documents.manage", profile)
        if "number_format" in changes:
            number_format_check(changes["number_format"])
        before = {k: getattr(profile, k) for k in changes}
        for key, value in changes.items():
            setattr(profile, key, value)
        profile.save(update_fields=list(changes))
        audit_record(
            actor=actor,
            action="documents.office_updated",
            obj=profile,
            region_code=office.code,
            before=before,
            after=changes,
        )
    return profile


def signer_for_office(*, office: Region) -> Signer:
    return issuer_signer(issuer_for(office=office))


def document_issue(
    *,
    actor: Any,
    document_type: DocumentType,
    resident: Any,
    office: Region | None = None,
    agency: Any = None,
    case: Any = None,
    signer: Signer | None = None,
    form_data: dict[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> Document:
    """Render, number, seal, sign and store one document, all in one transaction.

    The issuer is `agency` when given (its region becomes the office), else `office`, else
    the resident's village."""
    issuer = issuer_for(office=office or resident.village, agency=agency)
    office = issuer.office
    now = now or timezone.now()
    if timezone.is_naive(now):
        raise ValueError("now must be timezone-aware")
    with transaction.atomic():
        document = Document(
            regency_code=office.code[:5],
            office=office,
            agency=issuer.agency,
            document_type=document_type,
            holder=resident,
            holder_name=resident.name,
            holder_nik_masked=mask_nik(resident.nik),
            signed_by=issuer.signed_by,
            case=case,
            form_data=form_data or {},
            issued_at=now,
            issued_by=actor if getattr(actor, "pk", None) else None,
        )
        permission_require(actor, "documents.issue", document)
        # Keys are looked up (or made, on an office's first letter) only for permitted issuers.
        signer = signer or issuer_signer(issuer)
        seal_key = keystore.seal_private_key()
        seal_key_id = keystore.seal_key_id(seal_key.public_key())
        data = document_number_and_seal(
            document,
            office=office,
            profile=issuer.profile,
            seal_key=seal_key,
            seal_key_id=seal_key_id,
            form_data=form_data,
        )
        signed = signer.sign(
            letter_render(data),
            reason=f"{document_type.name} {document.number}",
            location=data["office"]["name"],
        )
        document.sha256 = hashlib.sha256(signed).hexdigest()
        document.seal_key_id = seal_key_id
        document.signer_key_id = signer.key_id
        document.file.save(
            f"{document.regency_code}/{document.year}/{document.pk}-{document.sha256[:12]}.pdf",
            ContentFile(signed),
            save=False,
        )
        document.save(update_fields=["seal_code", "sha256", "seal_key_id", "signer_key_id", "file"])
        audit_record(
            actor=actor,
            action="documents.issued",
            obj=document,
            region_code=office.code,
            after={
                "number": document.number,
                "type": document_type.code,
                "sha256": document.sha256,
            },
        )
    return document


def document_revoke(*, actor: Any, document: Document, reason: str) -> Document:
    reason = reason.strip()
    if not reason:
        raise DocumentError("reason_required", _("Alasan pencabutan wajib diisi."))
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        permission_require(actor, "documents.revoke", locked)
        if locked.status == DocumentStatus.REVOKED:
            raise DocumentError("already_revoked", _("Dokumen ini sudah dicabut."))
        locked.status = DocumentStatus.REVOKED
        locked.revoked_at = timezone.now()
        locked.revoke_reason = reason
        locked.save(update_fields=["status", "revoked_at", "revoke_reason"])
        audit_record(
            actor=actor,
            action="documents.revoked",
            obj=locked,
            region_code=locked.office_id,
            before={"status": DocumentStatus.ISSUED},
            after={"status": DocumentStatus.REVOKED, "reason": reason},
        )
    return locked


def document_reissue(
    *, actor: Any, document: Document, reason: str, signer: Signer | None = None
) -> Document:
    """A new document with a new number; the old one is revoked and points at it."""
    with transaction.atomic():
        fresh = document_issue(
            actor=actor,
            document_type=document.document_type,
            resident=document.holder,
            office=document.office,
            agency=document.agency,
            case=document.case,
            signer=signer,
            form_data=document.form_data,
        )
        old = document_revoke(actor=actor, document=document, reason=reason)
        old.replaced_by = fresh
        old.save(update_fields=["replaced_by"])
    return fresh


def number_void(
    *, actor: Any, office: Region, document_type: DocumentType, reason: str
) -> DocumentNumberVoid:
    """Takes the next number and records it as void (a spoiled form, a number given by hand)."""
    reason = reason.strip()
    if not reason:
        raise DocumentError("reason_required", _("Alasan pembatalan nomor wajib diisi."))
    now = timezone.now()
    with transaction.atomic():
        profile = office_profile_get(office=office)
        void = DocumentNumberVoid(
            regency_code=office.code[:5],
            office=office,
            document_type=document_type,
            reason=reason,
            voided_at=now,
            voided_by=actor if getattr(actor, "pk", None) else None,
        )
        permission_require(actor, "documents.issue", void)
        taken = number_take(
            office=office,
            document_type=document_type,
            on=timezone.localtime(now).date(),
            fmt=profile.number_format,
            unit_code=profile.unit_code,
        )
        void.year, void.serial, void.number = taken.year, taken.serial, taken.number
        void.save()
        audit_record(
            actor=actor,
            action="documents.number_voided",
            obj=void,
            region_code=office.code,
            after={"number": void.number, "reason": reason},
        )
    return void


def document_number_and_seal(
    document: Document,
    *,
    office: Region,
    profile: Any,
    seal_key: Any,
    seal_key_id: str,
    form_data: dict[str, Any] | None,
    with_qr: bool = True,
) -> dict[str, Any]:
    """Takes the document's number (inside the caller's transaction), seals it, and returns
    what the letter prints. Shared by single and bulk issuing so both number and seal alike.
    An agency's document (`document.agency`) prints that agency's letterhead."""
    document_type, resident = document.document_type, document.holder
    issued_on = timezone.localtime(document.issued_at).date()
    taken = number_take(
        office=office,
        agency=document.agency,
        document_type=document_type,
        on=issued_on,
        fmt=profile.number_format,
        unit_code=profile.unit_code,
    )
    document.year, document.serial, document.number = taken.year, taken.serial, taken.number
    document.save()
    document.seal_code = seal_encode(
        {
            "document_id": document.pk,
            "type": document_type.code,
            "number": document.number,
            "holder_name": resident.name,
            "nik_masked": document.holder_nik_masked,
            "issued_on": issued_on.isoformat(),
        },
        private_key=seal_key,
        key_id=seal_key_id,
    )
    return letter_data(
        document_type=document_type,
        resident=resident,
        office=office,
        profile=profile,
        number=document.number,
        issued_on=issued_on,
        seal_code=document.seal_code,
        form_data=form_data,
        with_qr=with_qr,
        agency=document.agency,
        reference=case_reference(document.case),
    )


def case_reference(case: Any) -> str:
    """The clause naming the application a document answers, e.g. "berdasarkan permohonan
    nomor ABCD-EFGH tanggal 4 Juni 2026, "."""
    if case is None:
        return ""
    from balai.cases.tracking import tracking_code_display
    from balai.documents.dates import date_indonesian

    submitted = timezone.localtime(case.submitted_at).date()
    return (
        f"berdasarkan permohonan nomor {tracking_code_display(case.tracking_code)} "
        f"tanggal {date_indonesian(submitted)}, "
    )


def document_type_ensure(*, code: str, name: str, template: str, body: str = "") -> DocumentType:
    """A document type another app issues (the NIB for licensing): made on first use when the
    migration's row is missing, e.g. in a database emptied by a test; never changed if present."""
    document_type, _made = DocumentType.objects.get_or_create(
        code=code, defaults={"name": name, "template": template, "body": body}
    )
    return document_type
