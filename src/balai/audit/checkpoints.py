"""Signed checkpoints of a regency's audit log, in the signed-note shape transparency logs use.

A checkpoint says "the log `balai.audit/<regency>` had N events with this Merkle root at this
time", signed with the regency's Ed25519 log key. The key lives in a file under AUDIT_LOG_DIR,
never in the database: whoever can rewrite every table and recompute every hash still cannot
sign a checkpoint for the rewritten history, and the checkpoints already published (the file
an operator ships off the machine, the public URL a witness polls) no longer match it.

Text of a checkpoint (one per line, then a blank line and the signature line):

    balai.audit/35.10
    1234
    <root, base64>
    2026-12-05T08:00:00+00:00

    — balai.audit/35.10 <key id>:<signature, base64>
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from django.conf import settings

ORIGIN_PREFIX = "balai.audit/"
SIGNATURE_DASH = "\u2014"


@dataclass(frozen=True)
class Note:
    chain: str
    tree_size: int
    root_hash: str  # hex
    signed_at: dt.datetime
    key_id: str
    signature: str  # base64

    @property
    def origin(self) -> str:
        return ORIGIN_PREFIX + self.chain

    def body(self) -> bytes:
        root = base64.b64encode(bytes.fromhex(self.root_hash)).decode()
        return f"{self.origin}\n{self.tree_size}\n{root}\n{self.signed_at.isoformat()}\n".encode()

    def text(self) -> str:
        signature_line = f"{SIGNATURE_DASH} {self.origin} {self.key_id}:{self.signature}\n"
        return self.body().decode() + "\n" + signature_line


def _file_name(chain: str) -> str:
    # "-" is the chain of events that belong to no regency.
    return "global" if chain == "-" else chain


def log_dir() -> Path:
    path = Path(settings.AUDIT_LOG_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _key_path(chain: str) -> Path:
    return log_dir() / "keys" / f"log-{_file_name(chain)}.key"


def _public_path(chain: str) -> Path:
    return log_dir() / "keys" / f"log-{_file_name(chain)}.pub"


def private_key(chain: str) -> ed25519.Ed25519PrivateKey:
    """The regency's log key, made on first use (mode 0600), its public half written beside it
    for witnesses. Production keeps AUDIT_LOG_DIR on a volume the database role cannot
    write."""
    path = _key_path(chain)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = ed25519.Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(pem)
        raw = key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        _public_path(chain).write_text(base64.b64encode(raw).decode() + "\n", encoding="ascii")
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    assert isinstance(loaded, ed25519.Ed25519PrivateKey)
    return loaded


def public_key_raw(chain: str) -> bytes | None:
    """The log's public key, from its published file; None when the log has none (never made
    here: verifying must not mint a key that would then disown every checkpoint)."""
    path = _public_path(chain)
    if not path.exists():
        return None
    return base64.b64decode(path.read_text(encoding="ascii").strip())


def key_id(raw_public: bytes) -> str:
    return hashlib.sha256(raw_public).hexdigest()[:16]


def sign(*, chain: str, tree_size: int, root_hash: str, signed_at: dt.datetime) -> Note:
    key = private_key(chain)
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    unsigned = Note(chain, tree_size, root_hash, signed_at.astimezone(dt.UTC), key_id(raw), "")
    signature = base64.b64encode(key.sign(unsigned.body())).decode()
    return Note(chain, tree_size, root_hash, unsigned.signed_at, unsigned.key_id, signature)


def signature_valid(note: Note, raw_public: bytes | None) -> bool:
    if raw_public is None or note.key_id != key_id(raw_public):
        return False
    try:
        ed25519.Ed25519PublicKey.from_public_bytes(raw_public).verify(
            base64.b64decode(note.signature), note.body()
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def publish(note: Note) -> None:
    """Append the checkpoint to the regency's published file and replace its latest copy.
    The appended file is what an operator ships off the machine (docs/operators.md)."""
    folder = log_dir() / "checkpoints"
    folder.mkdir(parents=True, exist_ok=True)
    name = _file_name(note.chain)
    with (folder / f"{name}.checkpoints").open("a", encoding="utf-8") as out:
        out.write(note.text())
    latest = folder / f"{name}.checkpoint"
    temporary = latest.with_suffix(".tmp")
    temporary.write_text(note.text(), encoding="utf-8")
    temporary.replace(latest)


def published_path(chain: str) -> Path:
    return log_dir() / "checkpoints" / f"{_file_name(chain)}.checkpoints"


def parse(text: str) -> list[Note]:
    """Every checkpoint in a text of one or more notes; a malformed note raises ValueError."""
    notes: list[Note] = []
    blocks = [b for b in text.strip().split("\n\n" + SIGNATURE_DASH) if b.strip()]
    # Splitting on the signature separator leaves each signature line at the start of the
    # next block; put them back together.
    pending_body: str | None = None
    for block in blocks:
        if pending_body is None:
            pending_body = block
            continue
        signature_line, _, rest = block.partition("\n")
        notes.append(_note(pending_body, signature_line))
        pending_body = rest if rest.strip() else None
    if pending_body is not None and pending_body.strip():
        raise ValueError("checkpoint without a signature")
    return notes


def _note(body: str, signature_line: str) -> Note:
    lines = body.strip("\n").split("\n")
    if len(lines) != 4 or not lines[0].startswith(ORIGIN_PREFIX):
        raise ValueError("malformed checkpoint body")
    origin, size, root_b64, when = lines
    parts = signature_line.strip().split(" ")
    if len(parts) != 2 or parts[0] != origin or ":" not in parts[1]:
        raise ValueError("malformed checkpoint signature line")
    kid, signature = parts[1].split(":", 1)
    return Note(
        chain=origin[len(ORIGIN_PREFIX) :],
        tree_size=int(size),
        root_hash=base64.b64decode(root_b64).hex(),
        signed_at=dt.datetime.fromisoformat(when),
        key_id=kid,
        signature=signature,
    )
