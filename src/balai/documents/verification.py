"""Checking a document: the PAdES signature against the office CA, the QR seal against the
seal keys, and (when the database is at hand) whether the file is the one issued and still
in force. The PDF signature is the legal proof (Permendagri 109/2019)."""

from __future__ import annotations

import io
from typing import Any

from django.db import DatabaseError
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from balai.documents import keystore
from balai.documents.seal import SealInvalid, seal_verify
from balai.documents.signing import outside_event_loop

SEAL_KEYWORD = "balai-seal:"


def signature_check(data: bytes) -> dict[str, Any]:
    roots = [load_cert_from_pemder(str(p)) for p in keystore.trust_root_paths()]
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
        if not signatures:
            return {"valid": False, "reason": "no_signature"}
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        status = outside_event_loop(lambda: validate_pdf_signature(signatures[-1], context))
        padding_clean = _contents_padding_clean(data, signatures[-1].byte_range)
    except Exception as exc:
        return {"valid": False, "reason": f"unreadable: {type(exc).__name__}"}
    whole = status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
    return {
        "valid": bool(status.bottom_line and whole and padding_clean),
        "intact": bool(status.intact),
        "trusted": bool(status.trusted),
        "covers_whole_file": whole,
        "padding_clean": padding_clean,
        "signer": status.signing_cert.subject.human_friendly if status.signing_cert else None,
    }


def _contents_padding_clean(data: bytes, byte_range: list[int]) -> bool:
    """The signature's /Contents is the CMS followed by zero padding. Validators read only the
    CMS, so a changed padding byte would pass them unnoticed: insist every byte after it is 0."""
    start, length, gap_end = (int(byte_range[i]) for i in range(3))
    hex_text = data[start + length : gap_end].strip()
    if not (hex_text.startswith(b"<") and hex_text.endswith(b">")):
        return False
    try:
        raw = bytes.fromhex(hex_text[1:-1].decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return False
    if len(raw) < 2 or raw[0] != 0x30:
        return False
    if raw[1] < 0x80:
        header, size = 2, raw[1]
    else:
        count = raw[1] & 0x7F
        header, size = 2 + count, int.from_bytes(raw[2 : 2 + count], "big")
    return not any(raw[header + size :])


def seal_code_in_pdf(data: bytes) -> str | None:
    try:
        info = PdfFileReader(io.BytesIO(data), strict=False).trailer["/Info"]
        keywords = str(info.get("/Keywords", ""))
    except Exception:
        return None
    for word in keywords.replace(",", " ").split():
        if word.startswith(SEAL_KEYWORD):
            return word[len(SEAL_KEYWORD) :]
    return None


def seal_check(code: str | None) -> dict[str, Any]:
    if not code:
        return {"valid": False, "reason": "no_seal"}
    try:
        payload = seal_verify(code, keystore.seal_public_keys())
    except SealInvalid as exc:
        return {"valid": False, "reason": str(exc)}
    return {"valid": True, "payload": payload}


def pdf_verify(data: bytes, *, online: bool = True) -> dict[str, Any]:
    """One verdict: `valid` only when signature and seal hold and the document is in force."""
    import hashlib

    signature = signature_check(data)
    seal = seal_check(seal_code_in_pdf(data))
    payload = seal.get("payload") or {}
    status = None
    if online:
        status = _status_online(hashlib.sha256(data).hexdigest(), payload.get("document_id"))
    valid = signature["valid"] and seal["valid"] and status in (None, "issued")
    return {
        "valid": bool(valid),
        "signature": signature,
        "seal": {k: v for k, v in seal.items() if k != "payload"} | {"payload": payload or None},
        "number": payload.get("number"),
        "status": status,
    }


def _status_online(sha256: str, document_id: Any) -> str | None:
    from balai.documents.models import Document

    try:
        found = Document.objects.filter(sha256=sha256).values_list("status", flat=True).first()
        if found is not None:
            return found
        if document_id is not None and Document.objects.filter(pk=document_id).exists():
            # The seal names an issued document, but these bytes are not its file.
            return "altered"
        return "unknown"
    except DatabaseError:
        return None
