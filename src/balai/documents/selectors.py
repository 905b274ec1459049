"""Reading documents. Staff lists go through the viewer's scope; the public verification
page reads one document by its seal or by the hash of its file, and shows only its facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.permissions import can, restrict
from balai.documents import keystore
from balai.documents.choices import DocumentStatus, TemplateKind
from balai.documents.models import Document, DocumentNumberVoid, DocumentType, OfficeProfile
from balai.documents.seal import SealInvalid, seal_verify
from balai.regions.models import Region


def document_types_list() -> QuerySet[DocumentType]:
    return DocumentType.objects.filter(is_active=True).order_by("code")


def document_list(*, viewer: Any) -> QuerySet[Document]:
    return (
        restrict(viewer, "documents.view", Document.objects.all())
        .select_related("document_type", "office")
        .order_by("-issued_at", "-pk")
    )


def document_get(*, viewer: Any, pk: int) -> Document | None:
    return document_list(viewer=viewer).select_related("holder").filter(pk=pk).first()


def document_by_seal(code: str) -> tuple[dict[str, Any] | None, Document | None]:
    """The verified seal payload and the document it names (None, None when the seal fails)."""
    try:
        payload = seal_verify(code, keystore.seal_public_keys())
    except SealInvalid:
        return None, None
    document = (
        Document.objects.select_related("document_type", "office")
        .filter(pk=payload["document_id"], number=payload["number"])
        .first()
    )
    return payload, document


def document_by_sha256(sha256: str) -> Document | None:
    return (
        Document.objects.select_related("document_type", "office", "agency")
        .filter(sha256=sha256)
        .first()
    )


def name_masked(name: str) -> str:
    """Each word's first letter and stars for the rest ("Siti Aminah" → "S*** A*****"): enough
    to match the paper in hand, not enough to learn who holds it (UU 27/2022)."""
    return " ".join(word[0] + "*" * (len(word) - 1) for word in name.split())


def document_public_facts(document: Document) -> dict[str, Any]:
    """What anyone may see of a document: its type, number, date, issuer and signers, its
    status, and the holder's name and NIK masked — no address, no full name (UU 27/2022)."""
    return {
        "type": document.document_type.name,
        "number": document.number,
        "holder_name_masked": name_masked(document.holder_name),
        "nik_masked": document.holder_nik_masked,
        "issuer": str(document.agency.name if document.agency_id else document.office.name),
        "signers": [document.signed_by] if document.signed_by else [],
        "issued_at": document.issued_at,
        "status": document.status,
        "status_label": document.get_status_display(),
        "revoke_reason": document.revoke_reason,
        "revoked_at": document.revoked_at,
    }


def document_file_access(*, viewer: Any, citizen: Any, document: Document) -> str | None:
    """Why this viewer may have the signed PDF ("staff", "holder"), or None. The file carries
    the full NIK and address, so holding the code (the paper) is not enough; a revoked
    document goes only to staff in scope."""
    if can(viewer, "documents.view", document):
        return "staff"
    if document.status != DocumentStatus.ISSUED:
        return None
    if citizen is not None and citizen.pk == document.holder_id:
        return "holder"
    return None


@dataclass(frozen=True)
class RegisterEntry:
    """One line of an office's outgoing register: a document or a voided number."""

    serial: int
    number: str
    on: dt.date
    type_name: str
    holder_name: str
    nik_masked: str
    signed_by: str
    status: str
    reason: str
    document_id: int | None


def register_may_view(*, viewer: Any, office: Region) -> bool:
    # Scoped like the office's own profile: the office's staff and those above it.
    return can(viewer, "documents.view", OfficeProfile(region=office))


def register_entries(*, viewer: Any, office: Region, year: int) -> list[RegisterEntry]:
    """Every number of the office's register for the year, in serial order: issued, revoked
    (with the reason) and voided (with the reason). Empty for a viewer out of scope."""
    if not register_may_view(viewer=viewer, office=office):
        return []
    return _register_entries(
        restrict(viewer, "documents.view", Document.objects.all()),
        restrict(viewer, "documents.view", DocumentNumberVoid.objects.all()),
        office=office,
        year=year,
    )


def register_entries_all(*, office: Region, year: int) -> list[RegisterEntry]:
    """The same for the host's operator (`balai document register`), who holds every scope."""
    return _register_entries(
        Document.objects.all(), DocumentNumberVoid.objects.all(), office=office, year=year
    )


def _register_entries(
    documents_qs: QuerySet[Document],
    voids_qs: QuerySet[DocumentNumberVoid],
    *,
    office: Region,
    year: int,
) -> list[RegisterEntry]:
    documents = documents_qs.filter(office=office, agency__isnull=True, year=year).values_list(
        "serial",
        "number",
        "issued_at",
        "document_type__name",
        "holder_name",
        "holder_nik_masked",
        "signed_by",
        "status",
        "revoke_reason",
        "pk",
    )
    entries = [
        RegisterEntry(
            serial=serial,
            number=number,
            on=timezone.localtime(issued_at).date(),
            type_name=type_name,
            holder_name=holder,
            nik_masked=nik,
            signed_by=signed_by,
            status=str(DocumentStatus(status).label),
            reason=reason,
            document_id=pk,
        )
        for serial, number, issued_at, type_name, holder, nik, signed_by, status, reason, pk in (
            documents.iterator()
        )
    ]
    voids = voids_qs.filter(office=office, year=year).values_list(
        "serial", "number", "voided_at", "document_type__name", "reason"
    )
    entries += [
        RegisterEntry(
            serial=serial,
            number=number,
            on=timezone.localtime(voided_at).date(),
            type_name=type_name,
            holder_name="",
            nik_masked="",
            signed_by="",
            status=_("Nomor batal"),
            reason=reason,
            document_id=None,
        )
        for serial, number, voided_at, type_name, reason in voids.iterator()
    ]
    return sorted(entries, key=lambda entry: entry.serial)


# Letters the office only witnesses: the N5 consent is signed by the parents themselves
# (Kepdirjen Bimas Islam 473/2020), not by the kepala desa.
SIGNED_BY_APPLICANTS: dict[str, list[str]] = {"izin-orang-tua-nikah": ["orang_tua"]}


def document_type_signers(document_type: DocumentType) -> list[str]:
    """The roles that sign a type's document, in order: `kepala_desa` for a village letter,
    `camat` for one the kecamatan approves, `kepala_instansi` for an agency's product, none
    for what OSS issues (the NIB)."""
    from balai.catalog.models import Service

    if document_type.code in SIGNED_BY_APPLICANTS:
        return list(SIGNED_BY_APPLICANTS[document_type.code])
    if document_type.template == TemplateKind.NIB:
        return []
    if document_type.agency_id is not None:
        return ["kepala_instansi"]
    workflow = (
        Service.objects.filter(code=document_type.service_code)
        .values_list("published_version__workflow__code", flat=True)
        .first()
    )
    return ["camat"] if workflow == "village_letter_camat" else ["kepala_desa"]
