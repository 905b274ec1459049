"""The per-device wait: starts at 30 s, never shrinks as failures go on, never passes 15 min."""

from hypothesis import given
from hypothesis import strategies as st

from balai.kiosk.backoff import FIRST_WAIT_SECONDS, MAX_WAIT_SECONDS, wait_seconds


@given(st.integers(min_value=1, max_value=10_000))
def test_the_wait_grows_and_is_capped(waits):
    now, following = wait_seconds(waits), wait_seconds(waits + 1)
    assert FIRST_WAIT_SECONDS <= now <= following <= MAX_WAIT_SECONDS
    assert following in (now * 2, MAX_WAIT_SECONDS)


@given(st.integers(max_value=0))
def test_no_wait_before_the_first(waits):
    assert wait_seconds(waits) == 0


def test_the_cap_is_reached():
    assert wait_seconds(1) == 30 and wait_seconds(2) == 60 and wait_seconds(6) == 900
