"""A case's product: issued when the case's workflow reaches an `issued` outcome.

`cases.services.case_act` calls `case_product_issue` inside its own transaction, after the
transition and its action row are written: the document is numbered, sealed, signed and stored
in that same transaction, so a refused signature (no key for the official, a remote signer
that says no) rolls the whole action back — the case stays where it was and no number is
used. The issuing office is the one that held the case at its last step (the village for a
village letter, the kecamatan when the camat approves, the agency for its products); its
signing official signs. A product Balai does not issue itself (a passport, a KTP-el from
SIAK, a NIB from OSS) issues nothing: the agency hands over what its own system made.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.cases.errors import CaseError
from balai.documents.bodies import body_for
from balai.documents.choices import DocumentStatus
from balai.documents.dates import date_indonesian
from balai.documents.errors import DocumentError
from balai.documents.issuers import issuer_for, issuer_signer
from balai.documents.models import Document, DocumentType
from balai.documents.services import (
    agency_document_type_ensure,
    document_issue,
    document_reissue,
)
from balai.regions.models import Region

# The HTTP status a refused issue answers with; everything else is a request that cannot be
# met as the configuration stands.
_STATUS = {"forbidden": 403, "signer_not_configured": 409, "remote_signer_failed": 502}


def _case_error(exc: DocumentError) -> CaseError:
    return CaseError(_STATUS.get(exc.code, 409), exc.code, exc.message)


def _service_version(case: Any) -> Any:
    from balai.catalog.models import ServiceVersion

    return ServiceVersion.objects.filter(
        service_id=case.service_id, number=case.service_version
    ).first()


def case_product_type(case: Any, version: Any = None) -> DocumentType | None:
    """The document type of the case's product, made on first use; None when Balai does not
    issue that product or an admin switched the type off."""
    version = version or _service_version(case)
    if version is None:
        # Filed under a standard that is not a catalog version: it names no product.
        return None
    code = version.product_document_type
    if case.service.agency_id:
        found = agency_document_type_ensure(
            agency=case.service.agency, product_code=code, service_code=case.service.code
        )
        document_type = found[0] if found else None
    else:
        document_type, _made = DocumentType.objects.get_or_create(
            code=code,
            defaults={
                "name": version.product_name,
                "body": body_for(code),
                "service_code": case.service.code,
            },
        )
    if document_type is None or not document_type.is_active:
        return None
    return document_type


def _issuer_of(case: Any):
    # `issued` is held by no office, so the case still names the office of its last step.
    if case.office_agency_id:
        return issuer_for(agency=case.office_agency)
    return issuer_for(office=Region.objects.get(code=case.office_region_code))


def _shown(field: dict[str, Any], value: Any) -> str:
    kind = field.get("type")
    if kind == "choice":
        for choice in field.get("choices") or []:
            if isinstance(choice, dict) and choice.get("value") == value:
                return str(choice.get("label", value))
    if kind == "region":
        region = Region.objects.filter(code=value).first()
        return region.name if region else str(value)
    if kind == "date":
        try:
            return date_indonesian(dt.date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if kind == "money":
        return "Rp" + f"{int(value):,}".replace(",", ".")
    return str(value)


def case_form_rows(case: Any, version: Any, document_type: DocumentType) -> dict[str, str]:
    return form_rows(case.form_data, version, document_type)


def form_rows(form_data: dict[str, Any], version: Any, document_type: Any) -> dict[str, str]:
    """What the letter prints from the application: the standard's labels and the answers.
    NIK fields and files are left out: the holder's data is printed from the register."""
    rows: dict[str, str] = {}
    if version.product_name and version.product_name != document_type.name:
        rows["Produk layanan"] = version.product_name
    fields = version.form.get("fields", []) if isinstance(version.form, dict) else version.form
    for field in fields or []:
        value = form_data.get(field["name"])
        if value in (None, "") or field.get("type") in ("resident_nik", "file"):
            continue
        rows[str(field.get("label") or field["name"])] = _shown(field, value)
    return rows


def case_product_issue(*, actor: Any, case: Any, now: dt.datetime | None = None) -> Document | None:
    """Issues the case's product for its beneficiary, signed by the issuing office's official.
    Must run inside the transaction of the action that reached `issued`."""
    version = _service_version(case)
    document_type = case_product_type(case, version)
    if version is None or document_type is None:
        return None
    issuer = _issuer_of(case)
    try:
        return document_issue(
            actor=actor,
            document_type=document_type,
            resident=case.beneficiary,
            office=issuer.office,
            agency=issuer.agency,
            case=case,
            signer=issuer_signer(issuer, create=False),
            form_data=case_form_rows(case, version, document_type),
            now=now or timezone.now(),
        )
    except DocumentError as exc:
        raise _case_error(exc) from exc


def case_documents(*, case: Any) -> QuerySet[Document]:
    """The documents issued for a case, newest first. Whoever may see the case may see them:
    the front desk that took the application prints what the kecamatan or agency signed."""
    return (
        Document.objects.filter(case_id=case.pk)
        .select_related("document_type", "office", "agency")
        .order_by("-issued_at", "-pk")
    )


def case_document_ready(*, case: Any) -> bool:
    return Document.objects.filter(case_id=case.pk, status=DocumentStatus.ISSUED).exists()


def case_document_reissue(*, actor: Any, case: Any, document: Document, reason: str) -> Document:
    """A new number for the case's document, the old one revoked (`document_reissue`), signed
    by the configured official as a first issue is."""
    if document.case_id != case.pk:
        raise CaseError(404, "not_found", _("Dokumen tidak ditemukan."))
    if not reason.strip():
        # Checked before anything is signed: the new letter would only be rolled back.
        raise CaseError(422, "reason_required", _("Alasan terbit ulang wajib diisi."))
    issuer = issuer_for(office=document.office, agency=document.agency)
    try:
        return document_reissue(
            actor=actor,
            document=document,
            reason=reason,
            signer=issuer_signer(issuer, create=False),
        )
    except DocumentError as exc:
        raise _case_error(exc) from exc
