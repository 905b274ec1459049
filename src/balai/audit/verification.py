"""Checking each regency's audit log: every event unchanged, none missing or moved, the head on
its last event, and the whole history equal to every signed checkpoint, the ones stored in the
database and the ones published outside it.

The walk reads keyset pages of `PAGE` events, so a log of millions is checked in bounded
memory; the Merkle root is folded as it goes (merkle.Frontier) and compared at each
checkpoint's size, which is what a consistency proof between two checkpoints establishes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field

from django.db.models import Max, Subquery

from balai.audit import checkpoints
from balai.audit.canonical import event_hash
from balai.audit.choices import Problem
from balai.audit.merkle import Frontier
from balai.audit.models import AuditEvent, ChainHead, Checkpoint

PAGE = 2000
GENESIS = "0" * 64


@dataclass(frozen=True)
class Finding:
    chain: str
    seq: int
    problem: str


@dataclass
class VerifyReport:
    chains: int = 0
    events: int = 0
    checkpoints: int = 0
    pending: int = 0
    first_bad: Finding | None = None
    bad_chains: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.first_bad is None

    def as_dict(self) -> dict:
        body: dict = {
            "valid": self.valid,
            "chains": self.chains,
            "events": self.events,
            "checkpoints": self.checkpoints,
            "pending": self.pending,
        }
        if self.first_bad is not None:
            body["first_bad"] = asdict(self.first_bad)
        return body


def _events(chain: str, upto: int) -> Iterator[AuditEvent]:
    last = 0
    events = AuditEvent.objects.filter(chain=chain, seq__isnull=False, seq__lte=upto)
    while True:
        page = list(events.filter(seq__gt=last).order_by("seq")[:PAGE])
        if not page:
            return
        yield from page
        last = page[-1].seq


def _snapshot(chain: str) -> tuple[ChainHead | None, int]:
    """The head and the highest integrated event, read in one statement: events integrated
    while the walk runs lie past both and are left out, instead of looking like a broken
    head."""
    top = AuditEvent.objects.filter(chain=chain, seq__isnull=False).order_by("-seq")
    head = (
        ChainHead.objects.filter(chain=chain).annotate(top=Subquery(top.values("seq")[:1])).first()
    )
    if head is None:
        return None, top.aggregate(top=Max("seq"))["top"] or 0
    return head, head.top or 0


def _signed(
    chain: str, published: Iterable[checkpoints.Note]
) -> tuple[dict[int, str], Finding | None]:
    """Every checkpoint of the chain, stored or published, by size -> root; a forged or
    conflicting one is a finding. A checkpoint is only believed with the log key's signature."""
    notes = [
        checkpoints.Note(c.chain, c.tree_size, c.root_hash, c.signed_at, c.key_id, c.signature)
        for c in Checkpoint.objects.filter(chain=chain).order_by("tree_size")
    ]
    notes += [n for n in published if n.chain == chain]
    if not notes:
        return {}, None
    public = checkpoints.public_key_raw(chain)
    roots: dict[int, str] = {}
    for note in sorted(notes, key=lambda n: n.tree_size):
        if not checkpoints.signature_valid(note, public):
            return roots, Finding(chain, note.tree_size, Problem.CHECKPOINT_FORGED)
        if roots.get(note.tree_size, note.root_hash) != note.root_hash:
            # Two validly signed roots for one size: the stored one was swapped for another.
            return roots, Finding(chain, note.tree_size, Problem.REWRITTEN)
        roots[note.tree_size] = note.root_hash
    return roots, None


def _link_problem(chain: str, event: AuditEvent) -> str:
    moved = AuditEvent.objects.filter(chain=chain, hash=event.prev_hash, seq__gt=event.seq)
    return Problem.REORDERED if moved.exists() else Problem.REMOVED


def chain_verify(
    *, chain: str, published: Iterable[checkpoints.Note] = ()
) -> tuple[int, int, Finding | None]:
    """(events read, checkpoints matched, the first problem or None) for one regency's log."""
    roots, forged = _signed(chain, published)
    if forged is not None:
        return 0, 0, forged
    head, top = _snapshot(chain)
    frontier = Frontier()
    expected, prev, count, matched = 1, GENESIS, 0, 0
    for event in _events(chain, upto=max(top, head.seq if head else 0)):
        count += 1
        if event.seq != expected:
            # A gap: the event that should carry `expected` is gone.
            return count, matched, Finding(chain, expected, Problem.REMOVED)
        if event_hash(event) != event.hash:
            return count, matched, Finding(chain, event.seq, Problem.ALTERED)
        if event.prev_hash != prev:
            return count, matched, Finding(chain, event.seq, _link_problem(chain, event))
        frontier.append(bytes.fromhex(event.hash))
        if event.seq in roots:
            if frontier.root().hex() != roots[event.seq]:
                # Internally consistent, yet not the history that was signed and published.
                return count, matched, Finding(chain, event.seq, Problem.REWRITTEN)
            matched += 1
        expected, prev = expected + 1, event.hash
    last_seq = expected - 1
    if head is None:
        if count:
            return count, matched, Finding(chain, last_seq, Problem.HEAD_MISMATCH)
        if roots:
            return count, matched, Finding(chain, 1, Problem.TRUNCATED)
        return count, matched, None
    if head.seq > last_seq:
        # The head knows of later events than the table holds: the tail was removed.
        return count, matched, Finding(chain, last_seq + 1, Problem.REMOVED)
    if head.seq != last_seq or head.last_hash != prev:
        return count, matched, Finding(chain, head.seq, Problem.HEAD_MISMATCH)
    if any(size > last_seq for size in roots):
        # Head and events agree, but a signed checkpoint saw a longer log: the tail was cut.
        return count, matched, Finding(chain, last_seq + 1, Problem.TRUNCATED)
    return count, matched, None


def known_chains() -> list[str]:
    from_events = AuditEvent.objects.values_list("chain", flat=True).distinct()
    from_heads = ChainHead.objects.values_list("chain", flat=True)
    from_checkpoints = Checkpoint.objects.values_list("chain", flat=True).distinct()
    return sorted(set(from_events) | set(from_heads) | set(from_checkpoints))


def audit_verify(
    *, chains: Iterable[str] | None = None, published: Iterable[checkpoints.Note] = ()
) -> VerifyReport:
    """Walk every regency's log (or the ones named) in order; report the first problem of the
    first bad log, and keep checking the others so `bad_chains` lists them all. `published`
    are checkpoints kept outside the database (a file shipped off the machine, a witness)."""
    published = list(published)
    report = VerifyReport()
    names = set(chains) if chains is not None else set(known_chains())
    if chains is None:
        names |= {n.chain for n in published}
    for chain in sorted(names):
        count, matched, finding = chain_verify(chain=chain, published=published)
        report.chains += 1
        report.events += count
        report.checkpoints += matched
        if finding is not None:
            report.bad_chains.append(chain)
            if report.first_bad is None:
                report.first_bad = finding
    pending = AuditEvent.objects.filter(seq__isnull=True)
    if chains is not None:
        pending = pending.filter(chain__in=list(names))
    report.pending = pending.count()
    return report
