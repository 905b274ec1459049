"""Reading documents. Staff lists go through the viewer's scope; the public verification
page reads one document by its seal or by the hash of its file, and shows only its facts."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from balai.accounts.permissions import restrict
from balai.documents import keystore
from balai.documents.models import Document, DocumentType
from balai.documents.seal import SealInvalid, seal_verify


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
    return Document.objects.select_related("document_type", "office").filter(sha256=sha256).first()


def document_public_facts(document: Document) -> dict[str, Any]:
    """What anyone may see of a document: no full NIK, no address (UU 27/2022)."""
    return {
        "type": document.document_type.name,
        "number": document.number,
        "holder_name": document.holder_name,
        "nik_masked": document.holder_nik_masked,
        "issuer": str(document.office.name),
        "issued_at": document.issued_at,
        "status": document.status,
        "status_label": document.get_status_display(),
        "revoke_reason": document.revoke_reason,
        "revoked_at": document.revoked_at,
    }
