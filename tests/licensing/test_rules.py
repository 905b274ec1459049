"""The scale and risk rules, and reading KBLI codes as officers type them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from balai.licensing.choices import RISK_ORDER, Scale
from balai.licensing.rules import MICRO_MAX, SMALL_MAX, risk_highest, scale_for
from balai.licensing.services import kbli_parse


def test_scale_boundaries_of_pp_7_2021():
    assert scale_for(0) == scale_for(MICRO_MAX) == Scale.MICRO
    assert scale_for(MICRO_MAX + 1) == scale_for(SMALL_MAX) == Scale.SMALL
    assert scale_for(SMALL_MAX + 1) == Scale.MEDIUM
    assert scale_for(10_000_000_001) == Scale.LARGE


@given(st.integers(min_value=0, max_value=10**13), st.integers(min_value=0, max_value=10**13))
def test_more_capital_never_means_a_smaller_scale(a, b):
    order = [Scale.MICRO, Scale.SMALL, Scale.MEDIUM, Scale.LARGE]
    low, high = sorted((a, b))
    assert order.index(scale_for(low)) <= order.index(scale_for(high))


@given(st.lists(st.sampled_from(RISK_ORDER), min_size=1))
def test_the_highest_risk_wins_whatever_the_order(levels):
    assert risk_highest(levels) == max(levels, key=RISK_ORDER.index)
    assert risk_highest(list(reversed(levels))) == risk_highest(levels)


@given(st.lists(st.integers(min_value=1, max_value=99_999), min_size=1, max_size=5))
def test_codes_come_back_as_five_digits_in_order_without_repeats(numbers):
    typed = ", ".join(str(n) for n in numbers)
    parsed = kbli_parse(typed)
    expected = list(dict.fromkeys(f"{n:05d}" for n in numbers))
    assert parsed == expected
    assert kbli_parse(typed.replace(", ", " ")) == expected
