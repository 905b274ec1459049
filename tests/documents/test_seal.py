"""The seal: what is signed verifies, anything else is refused with SealInvalid only."""

from __future__ import annotations

import base64
import json

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519
from hypothesis import given
from hypothesis import strategies as st

from balai.documents.seal import SealInvalid, seal_encode, seal_verify

KEY = ed25519.Ed25519PrivateKey.generate()
OTHER = ed25519.Ed25519PrivateKey.generate()
KEYS = {"k1": KEY.public_key()}

payloads = st.fixed_dictionaries(
    {
        "document_id": st.integers(min_value=1, max_value=2**40),
        "type": st.text(min_size=1, max_size=30),
        "number": st.text(min_size=1, max_size=60),
        "holder_name": st.text(max_size=80),
        "nik_masked": st.from_regex(r"\A[0-9]{4}\*{8}[0-9]{4}\Z"),
        "issued_on": st.dates().map(lambda d: d.isoformat()),
    }
)


@given(payloads)
def test_signed_payload_round_trips(payload):
    code = seal_encode(payload, private_key=KEY, key_id="k1")
    assert seal_verify(code, KEYS) == {**payload, "key_id": "k1"}
    assert seal_verify(f"https://x.example/dokumen/verifikasi/?kode={code}", KEYS)["number"]


@given(payloads)
def test_another_key_or_an_edited_payload_is_refused(payload):
    with pytest.raises(SealInvalid):
        seal_verify(seal_encode(payload, private_key=OTHER, key_id="k1"), KEYS)
    body, signature = seal_encode(payload, private_key=KEY, key_id="k1").split(".")
    edited = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    edited["n"] = edited["n"] + "1"
    forged = base64.urlsafe_b64encode(json.dumps(edited).encode()).rstrip(b"=").decode()
    with pytest.raises(SealInvalid):
        seal_verify(f"{forged}.{signature}", KEYS)


@given(st.text())
def test_any_text_is_refused_cleanly(text):
    with pytest.raises(SealInvalid):
        seal_verify(text, KEYS)
