"""Proofs a regency's audit log hands to an auditor or a witness (RFC 9162): that one event is
in the log a checkpoint signed, and that a later checkpoint extends an earlier one.

Both read the log's leaf hashes in order; logs of a regency hold millions of events, which
these read once per proof in keyset pages, not per request of the pages.
"""

from __future__ import annotations

from balai.audit import merkle
from balai.audit.models import AuditEvent, Checkpoint

PAGE = 10_000


def leaf_hashes(chain: str, size: int) -> list[bytes]:
    hashes: list[bytes] = []
    last = 0
    events = AuditEvent.objects.filter(chain=chain, seq__isnull=False, seq__lte=size)
    while True:
        page = list(events.filter(seq__gt=last).order_by("seq").values_list("seq", "hash")[:PAGE])
        if not page:
            return hashes
        hashes += [bytes.fromhex(h) for _s, h in page]
        last = page[-1][0]


def latest_checkpoint(chain: str) -> Checkpoint | None:
    return Checkpoint.objects.filter(chain=chain).order_by("-tree_size").first()


def inclusion_proof_for(event: AuditEvent, checkpoint: Checkpoint) -> dict:
    """The audit path of `event` in the tree `checkpoint` signed, hex-encoded."""
    if event.seq is None or event.seq > checkpoint.tree_size:
        raise ValueError("the event is not yet in that checkpoint's tree")
    leaves = leaf_hashes(event.chain, checkpoint.tree_size)
    path = merkle.inclusion_proof(leaves, event.seq - 1)
    return {
        "chain": event.chain,
        "leaf_index": event.seq - 1,
        "leaf_hash": event.hash,
        "tree_size": checkpoint.tree_size,
        "root_hash": checkpoint.root_hash,
        "proof": [p.hex() for p in path],
    }


def consistency_proof_for(chain: str, old_size: int, new_size: int) -> dict:
    leaves = leaf_hashes(chain, new_size)
    if len(leaves) != new_size:
        raise ValueError("the log holds fewer events than the newer size")
    path = merkle.consistency_proof(leaves, old_size) if old_size < new_size else []
    return {
        "chain": chain,
        "old_size": old_size,
        "new_size": new_size,
        "proof": [p.hex() for p in path],
    }
