"""Documents API: the list of types, and public seal verification (no login needed)."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from balai.core.api_errors import ApiError
from balai.documents.selectors import document_by_seal, document_public_facts, document_types_list

router = Router(tags=["documents"])


class TypeOut(Schema):
    code: str
    name: str


class VerificationOut(Schema):
    valid: bool
    type: str
    number: str
    holder_name_masked: str
    nik_masked: str
    issuer: str
    signers: list[str]
    issued_at: datetime
    status: str


@router.get("/types", response=list[TypeOut], auth=None)
def types(request: HttpRequest):
    return [{"code": t.code, "name": t.name} for t in document_types_list()]


@router.get("/verify", response=VerificationOut, auth=None)
def verify(request: HttpRequest, code: str):
    payload, document = document_by_seal(code)
    if payload is None or document is None:
        raise ApiError(404, "seal_invalid", "Kode tidak sah atau dokumen tidak ditemukan.")
    facts = document_public_facts(document)
    return {
        "valid": document.status == "issued",
        **{k: facts[k] for k in VerificationOut.model_fields if k != "valid"},
    }
