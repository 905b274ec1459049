"""The bytes an audit event's hash covers, identical before and after the database round trip.

Both databases must give back exactly what was hashed: PostgreSQL's jsonb reorders keys,
prints numbers as numeric (1e100 comes back as an integer), refuses NUL characters and lone
surrogates, and its inet type normalises addresses; SQLite keeps JSON as text. So values are
brought to that common form before they are stored, and the hash is taken of that form.
"""

from __future__ import annotations

import hashlib
import json
import math
from datetime import UTC
from typing import Any

from django.utils.ipv6 import clean_ipv6_address

from balai.audit.merkle import leaf_hash
from balai.audit.models import AuditEvent


def text(value: str) -> str:
    # Lone surrogates cannot be stored as UTF-8; NUL is refused by PostgreSQL.
    return value.encode("utf-8", "replace").decode("utf-8").replace("\x00", "\ufffd")


def _tidy(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        # jsonb prints an integral number without a fraction; hash it as the integer it is.
        return int(value) if value.is_integer() else value
    if isinstance(value, str):
        return text(value)
    if isinstance(value, dict):
        return {text(str(k)): _tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    return text(str(value))


def jsonable(value: Any) -> Any:
    """JSON as both databases give it back: dates and decimals as text, tidy numbers."""
    if value is None:
        return None
    return _tidy(json.loads(json.dumps(value, default=str, allow_nan=True)))


def tidy_ip(ip: str | None) -> str | None:
    if not ip:
        return None
    return clean_ipv6_address(ip) if ":" in ip else ip


def canonical(event: AuditEvent) -> bytes:
    """Every field that says what happened, with sorted keys, as compact ASCII JSON. The place
    in the log (seq, prev_hash) is left out: it is given later by the sequencer and protected by
    the Merkle tree and the links instead."""
    body = {
        "chain": event.chain,
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "region_code": event.region_code,
        "before": event.before,
        "after": event.after,
        "request_id": event.request_id,
        "ip": tidy_ip(str(event.ip)) if event.ip else None,
        "channel": event.channel,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def event_hash(event: AuditEvent) -> str:
    """The event's leaf hash in its regency's log (RFC 9162: SHA-256 of 0x00 and the entry);
    for an event written under the earlier hash chain, the hash that chain gave it."""
    if event.scheme == 1:
        return _chain_hash(event)
    return leaf_hash(canonical(event)).hex()


def _chain_hash(event: AuditEvent) -> str:
    body = json.loads(canonical(event))
    body["seq"], body["prev_hash"] = event.seq, event.prev_hash
    data = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(data).hexdigest()
