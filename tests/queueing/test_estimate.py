from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from balai.queueing.estimate import DEFAULT_SERVICE_SECONDS, minutes_label, wait_estimate


def test_median_times_people_ahead_over_open_counters():
    # Median of 120, 300, 360, 3600 is 330 s: the one very long case does not count double.
    wait = wait_estimate(service_seconds=[120, 300, 360, 3600], ahead=6, open_counters=2)
    assert wait == dt.timedelta(seconds=990)
    assert minutes_label(wait) == 17


def test_nobody_ahead_means_no_wait():
    assert wait_estimate(service_seconds=[600] * 5, ahead=0, open_counters=1) == dt.timedelta(0)


def test_too_few_samples_use_the_default_and_closed_counters_count_as_one():
    wait = wait_estimate(service_seconds=[30], ahead=2, open_counters=0)
    assert wait == dt.timedelta(seconds=2 * DEFAULT_SERVICE_SECONDS)


samples = st.lists(st.floats(min_value=0, max_value=7200), min_size=3, max_size=30)


@given(samples, st.integers(0, 200), st.integers(1, 30))
def test_more_people_ahead_never_shortens_the_wait(times, ahead, counters):
    shorter = wait_estimate(service_seconds=times, ahead=ahead, open_counters=counters)
    longer = wait_estimate(service_seconds=times, ahead=ahead + 1, open_counters=counters)
    assert longer >= shorter


@given(samples, st.integers(1, 200), st.integers(1, 30))
def test_another_open_counter_never_lengthens_the_wait(times, ahead, counters):
    fewer = wait_estimate(service_seconds=times, ahead=ahead, open_counters=counters)
    more = wait_estimate(service_seconds=times, ahead=ahead, open_counters=counters + 1)
    assert more <= fewer
