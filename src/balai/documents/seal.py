"""The QR seal: a compact payload signed with Ed25519, so a printed document verifies offline
with the office's public key. The PDF signature stays the legal proof (Permendagri 109/2019:
authenticity is the electronic signature, the QR shows it); the seal lets anyone check the
facts on paper without a network.

Code format: base64url(compact JSON) "." base64url(64-byte signature), no padding.
"""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

# Payload keys, one letter each to keep the QR small.
KEYS = {
    "i": "document_id",
    "t": "type",
    "n": "number",
    "h": "holder_name",
    "m": "nik_masked",
    "d": "issued_on",
    "k": "key_id",
}


class SealInvalid(Exception):
    """The code is malformed, signed by an unknown key, or its signature does not match."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def seal_encode(
    payload: dict[str, Any], *, private_key: ed25519.Ed25519PrivateKey, key_id: str
) -> str:
    """`payload` uses the long names of KEYS (without key_id, which is added here)."""
    short = {s: payload[long] for s, long in KEYS.items() if long != "key_id"}
    short["k"] = key_id
    body = json.dumps(short, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()
    return f"{_b64(body)}.{_b64(private_key.sign(body))}"


def seal_verify(code: str, public_keys: dict[str, ed25519.Ed25519PublicKey]) -> dict[str, Any]:
    """The payload (long names) when `code` carries a valid signature by one of `public_keys`."""
    code = code_from_text(code)
    try:
        body_part, sig_part = code.split(".")
        body = _unb64(body_part)
        signature = _unb64(sig_part)
        short = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise SealInvalid("malformed") from exc
    if not isinstance(short, dict) or set(short) != set(KEYS) or not isinstance(short["k"], str):
        raise SealInvalid("malformed")
    key = public_keys.get(short["k"])
    if key is None:
        raise SealInvalid("unknown_key")
    try:
        key.verify(signature, body)
    except InvalidSignature as exc:
        raise SealInvalid("bad_signature") from exc
    return {long: short[s] for s, long in KEYS.items()}


def code_from_text(text: str) -> str:
    """The seal code from what a scanner read: the bare code or the verification URL."""
    text = text.strip()
    if "://" in text or text.startswith("/"):
        found = parse_qs(urlsplit(text).query).get("kode")
        return found[0] if found else ""
    return text
