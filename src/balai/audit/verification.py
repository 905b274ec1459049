"""Checking the hash chains: every event unchanged, none missing, each head on its last event.

Reads in keyset pages of `PAGE` events, so a chain of millions is walked in bounded memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field

from django.db.models import Max, Subquery

from balai.audit.canonical import event_hash
from balai.audit.choices import Problem
from balai.audit.models import AuditEvent, ChainHead

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
    first_bad: Finding | None = None
    bad_chains: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.first_bad is None

    def as_dict(self) -> dict:
        body: dict = {"valid": self.valid, "chains": self.chains, "events": self.events}
        if self.first_bad is not None:
            body["first_bad"] = asdict(self.first_bad)
        return body


def _events(chain: str, upto: int | None = None) -> Iterator[AuditEvent]:
    last = 0
    events = AuditEvent.objects.filter(chain=chain)
    if upto is not None:
        events = events.filter(seq__lte=upto)
    while True:
        page = list(events.filter(seq__gt=last).order_by("seq")[:PAGE])
        if not page:
            return
        yield from page
        last = page[-1].seq


def _snapshot(chain: str) -> tuple[ChainHead | None, int]:
    """The head and the highest event number, read in one statement: events appended while
    the walk runs lie past both and are left out, instead of looking like a broken head."""
    top = AuditEvent.objects.filter(chain=chain).order_by("-seq").values("seq")[:1]
    head = ChainHead.objects.filter(chain=chain).annotate(top=Subquery(top)).first()
    if head is None:
        return None, AuditEvent.objects.filter(chain=chain).aggregate(top=Max("seq"))["top"] or 0
    return head, head.top or 0


def chain_verify(*, chain: str) -> tuple[int, Finding | None]:
    """(events read, the first problem or None) for one chain."""
    head, top = _snapshot(chain)
    expected, prev, count = 1, GENESIS, 0
    for event in _events(chain, upto=max(top, head.seq if head else 0)):
        count += 1
        if event.seq != expected:
            # A gap: the event that should carry `expected` is gone.
            return count, Finding(chain, expected, Problem.REMOVED)
        if event_hash(event) != event.hash:
            return count, Finding(chain, event.seq, Problem.ALTERED)
        if event.prev_hash != prev:
            # Sequence numbers were made contiguous again, but the links show a missing event.
            return count, Finding(chain, event.seq, Problem.REMOVED)
        expected, prev = expected + 1, event.hash
    last_seq = expected - 1
    if head is None:
        return count, (Finding(chain, last_seq, Problem.HEAD_MISMATCH) if count else None)
    if head.seq > last_seq:
        # The head knows of later events than the table holds: the tail was removed.
        return count, Finding(chain, last_seq + 1, Problem.REMOVED)
    if head.seq != last_seq or head.last_hash != prev:
        return count, Finding(chain, head.seq, Problem.HEAD_MISMATCH)
    return count, None


def known_chains() -> list[str]:
    from_events = AuditEvent.objects.values_list("chain", flat=True).distinct()
    from_heads = ChainHead.objects.values_list("chain", flat=True)
    return sorted(set(from_events) | set(from_heads))


def audit_verify(*, chains: Iterable[str] | None = None) -> VerifyReport:
    """Walk every chain (or the ones named) in order; report the first bad event of the first
    bad chain, and keep checking the others so `bad_chains` lists them all."""
    report = VerifyReport()
    for chain in sorted(chains) if chains is not None else known_chains():
        count, finding = chain_verify(chain=chain)
        report.chains += 1
        report.events += count
        if finding is not None:
            report.bad_chains.append(chain)
            if report.first_bad is None:
                report.first_bad = finding
    return report
