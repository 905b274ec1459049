"""PIN rules and lockout lengths, without a database."""

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from balai.citizens.pin import MAX_LOCK_SECONDS, lock_seconds, pin_problem

digits = st.text(alphabet="0123456789", min_size=6, max_size=6)


def test_short_long_and_non_digit_pins_are_refused():
    for pin in ["", "12345", "1234567", "12a456", " 25836", "２５８３６９"]:
        assert pin_problem(pin) is not None, pin


def test_runs_and_repeats_are_refused():
    for pin in ["000000", "777777", "123456", "654321", "345678", "987654"]:
        assert "mudah ditebak" in pin_problem(pin), pin


def test_birth_date_is_refused_in_the_usual_orders():
    born = dt.date(1985, 6, 4)
    assert "tanggal lahir" in pin_problem("040685", birth_date=born)
    assert "tanggal lahir" in pin_problem("850604", birth_date=born)
    assert "tanggal lahir" in pin_problem("040619", birth_date=born)
    assert pin_problem("040685") is None  # no birth date known: only the other rules apply


@given(digits)
def test_a_pin_is_refused_exactly_when_it_is_a_run(pin):
    steps = {int(b) - int(a) for a, b in itertools.pairwise(pin)}
    is_run = len(steps) == 1 and steps.pop() in (-1, 0, 1)
    assert (pin_problem(pin) is not None) == is_run


@given(st.integers(min_value=1, max_value=10_000))
def test_each_lockout_lasts_at_least_as_long_as_the_one_before_and_at_most_an_hour(n):
    assert 60 <= lock_seconds(n) <= MAX_LOCK_SECONDS
    assert lock_seconds(n + 1) >= lock_seconds(n)
    assert lock_seconds(n + 1) in (2 * lock_seconds(n), MAX_LOCK_SECONDS)


def test_no_lockout_lasts_nothing():
    assert lock_seconds(0) == 0
