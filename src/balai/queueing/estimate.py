"""How long a ticket will wait: a rule of thumb the citizen can trust, not a promise."""

from __future__ import annotations

import datetime as dt
import statistics

# Used until a point has finished enough tickets of a kind to measure its own pace.
DEFAULT_SERVICE_SECONDS = 300
MIN_SAMPLES = 3


def wait_estimate(
    *,
    service_seconds: list[float],
    ahead: int,
    open_counters: int,
    default_seconds: float = DEFAULT_SERVICE_SECONDS,
) -> dt.timedelta:
    """Median recent service time × people ahead ÷ open counters handling them.

    The median, not the mean: one long case (a lost KK rebuilt from scratch) must not
    double everybody's estimate. With no counter open the estimate counts one, as the line
    does not move faster than a single counter once one opens."""
    if ahead <= 0:
        return dt.timedelta(0)
    samples = [s for s in service_seconds if s >= 0]
    per_ticket = statistics.median(samples) if len(samples) >= MIN_SAMPLES else default_seconds
    seconds = per_ticket * ahead / max(open_counters, 1)
    return dt.timedelta(seconds=round(seconds))


def minutes_label(wait: dt.timedelta) -> int:
    """Whole minutes, rounded up: '0 minutes' only when nobody is ahead."""
    seconds = wait.total_seconds()
    return int(-(-seconds // 60))
