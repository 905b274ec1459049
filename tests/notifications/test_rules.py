"""Pure rules of the outbox: the backoff and phone numbers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from balai.notifications.addresses import phone_mask, phone_normalise
from balai.notifications.retry import backoff_seconds


# No deadline: the machine is shared, and a slow example is not a wrong one.
@settings(deadline=None)
@given(
    attempt=st.integers(min_value=1, max_value=60),
    base=st.floats(min_value=1, max_value=120),
    cap=st.floats(min_value=120, max_value=86_400),
    rand=st.floats(min_value=0, max_value=1),
)
def test_backoff_stays_in_the_upper_half_of_a_doubling_ceiling(attempt, base, cap, rand):
    delay = backoff_seconds(attempt, base=base, cap=cap, rand=rand)
    ceiling = min(cap, base * 2 ** (attempt - 1))
    assert ceiling / 2 <= delay <= ceiling + 1e-9
    # The next attempt's shortest wait is never below this attempt's shortest wait.
    assert backoff_seconds(attempt + 1, base=base, cap=cap, rand=0) >= ceiling / 2


@settings(deadline=None)
@given(rest=st.text(alphabet="0123456789", min_size=8, max_size=11))
def test_every_way_of_writing_a_mobile_number_gives_one_form(rest):
    canonical = "628" + rest
    for written in (f"08{rest}", f"+62 8{rest}", f"628{rest}", f"8{rest}", f"(0)8-{rest}"):
        assert phone_normalise(written) == canonical
    masked = phone_mask(canonical)
    assert masked.startswith("62") and masked.endswith(canonical[-3:])
    assert masked.count("*") == len(canonical) - 8 and len(masked) == len(canonical)


def test_landlines_and_rubbish_are_not_mobile_numbers():
    for raw in ("", "0333-424242", "12345", "62 21 555 1234", "abc", "6281234"):
        assert phone_normalise(raw) is None
