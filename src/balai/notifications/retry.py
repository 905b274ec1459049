"""When to try again after a provider refused for now: exponential backoff with jitter.

Pure, so it is property-tested. Jitter spreads the retries of many messages that failed
together (a provider outage) so they do not all return at the same second.
"""

from __future__ import annotations

import random


def backoff_seconds(attempt: int, *, base: float, cap: float, rand: float | None = None) -> float:
    """Delay before attempt `attempt + 1`, after `attempt` (≥ 1) failed tries.

    The ceiling doubles per attempt (base, 2·base, 4·base, …, at most `cap`); the delay is
    drawn from the upper half of it ("equal jitter"), so it never collapses to zero.
    """
    ceiling = min(cap, base * 2 ** min(max(attempt, 1) - 1, 30))
    r = random.random() if rand is None else rand
    return ceiling / 2 + ceiling / 2 * r
