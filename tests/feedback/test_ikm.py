"""The IKM formula of PermenPAN-RB 14/2017 against known answers and its rules."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balai.feedback.ikm import (
    ELEMENT_CODES,
    GRADES,
    grade_for,
    ikm_compute,
    ikm_from_sums,
    respondent_validate,
)

score_rows = st.lists(
    st.lists(st.integers(min_value=1, max_value=4), min_size=9, max_size=9).map(tuple),
    min_size=1,
    max_size=40,
)


def _rounded_weight_converted(rows: list[tuple[int, ...]]) -> Decimal:
    """What a spreadsheet with the weight typed as 0.111 gives."""
    n = len(rows)
    nrr = [Decimal(sum(r[i] for r in rows)) / Decimal(n) for i in range(9)]
    return (sum(x * Decimal("0.111") for x in nrr) * 25).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def _rows_with_total(respondents: int, total: int) -> list[tuple[int, ...]]:
    """`respondents` rows of nine scores 1-4 adding up to `total`, raised cell by cell."""
    cells = [1] * (9 * respondents)
    extra = total - len(cells)
    for i in range(len(cells)):
        step = min(3, extra)
        cells[i] += step
        extra -= step
    return [tuple(cells[i * 9 : (i + 1) * 9]) for i in range(respondents)]


def test_two_respondents_known_answer() -> None:
    result = ikm_compute(rows=[(4, 4, 3, 4, 4, 4, 4, 3, 4), (3, 3, 3, 3, 3, 3, 3, 3, 3)])
    assert result.nrr == tuple(Fraction(x) for x in (3.5, 3.5, 3, 3.5, 3.5, 3.5, 3.5, 3, 3.5))
    assert result.ikm == Fraction(61, 18)
    assert result.converted == Decimal("84.72")
    assert result.grade.letter == "B"
    assert result.as_dict() == {
        "respondents": 2,
        "nrr": [3.5, 3.5, 3.0, 3.5, 3.5, 3.5, 3.5, 3.0, 3.5],
        "ikm": 3.3889,
        "ikm_converted": 84.72,
        "grade": "B",
    }


def test_weighted_means_are_the_mean_over_nine() -> None:
    result = ikm_compute(rows=[(1, 2, 3, 4, 1, 2, 3, 4, 4)])
    assert result.weighted == tuple(Fraction(x, 9) for x in (1, 2, 3, 4, 1, 2, 3, 4, 4))
    assert sum(result.weighted) == result.ikm == Fraction(24, 9)
    assert result.converted == Decimal("66.67")
    assert result.grade.letter == "C"


def test_rounding_the_weight_to_0_111_would_change_the_grade() -> None:
    # Ten respondents, 318 points over 90 answers: exactly 88.33 (A); with 0.111, 88.25 (B).
    rows = _rows_with_total(10, 318)
    result = ikm_compute(rows=rows)
    assert result.ikm == Fraction(318, 90)
    assert result.converted == Decimal("88.33")
    assert result.grade.letter == "A"
    rounded = _rounded_weight_converted(rows)
    assert rounded == Decimal("88.25")
    assert grade_for(rounded).letter == "B"


@pytest.mark.parametrize("boundary", ["88.31", "76.61", "65.00"])
def test_every_grade_boundary_has_data_the_rounded_weight_misgrades(boundary: str) -> None:
    found = None
    for respondents in range(1, 40):
        for total in range(9 * respondents, 36 * respondents + 1):
            rows = _rows_with_total(respondents, total)
            exact = ikm_compute(rows=rows).converted
            if exact >= Decimal(boundary) > _rounded_weight_converted(rows):
                found = rows
                break
        if found:
            break
    assert found is not None
    exact_grade = ikm_compute(rows=found).grade.letter
    assert exact_grade != grade_for(_rounded_weight_converted(found)).letter


def test_grade_boundaries_read_on_the_shown_two_decimals() -> None:
    assert [g.letter for g in GRADES] == ["A", "B", "C", "D"]
    assert grade_for(Decimal("88.31")).letter == "A"
    assert grade_for(Decimal("88.30")).letter == "B"
    assert grade_for(Decimal("76.61")).letter == "B"
    assert grade_for(Decimal("76.60")).letter == "C"
    assert grade_for(Decimal("65.00")).letter == "C"
    assert grade_for(Decimal("64.99")).letter == "D"
    assert grade_for(Decimal("25.00")).letter == "D"


def test_sums_need_nine_elements_and_a_respondent() -> None:
    with pytest.raises(ValueError):
        ikm_from_sums(sums=[4] * 8, respondents=1)
    with pytest.raises(ValueError):
        ikm_from_sums(sums=[0] * 9, respondents=0)


@given(score_rows)
def test_ikm_lies_between_one_and_four(rows: list[tuple[int, ...]]) -> None:
    result = ikm_compute(rows=rows)
    assert 1 <= result.ikm <= 4
    assert Decimal("25.00") <= result.converted <= Decimal("100.00")
    # Nine equal weights: the index is the mean of every answer given.
    assert result.ikm == Fraction(sum(map(sum, rows)), 9 * len(rows))


@given(score_rows, st.randoms(use_true_random=False))
def test_order_of_respondents_is_irrelevant(rows: list[tuple[int, ...]], rnd) -> None:
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    assert ikm_compute(rows=shuffled) == ikm_compute(rows=rows)


@given(st.integers(min_value=1, max_value=200))
def test_all_fours_is_100_a_and_all_ones_is_25_d(respondents: int) -> None:
    best = ikm_compute(rows=[(4,) * 9] * respondents)
    assert (best.converted, best.grade.letter) == (Decimal("100.00"), "A")
    worst = ikm_compute(rows=[(1,) * 9] * respondents)
    assert (worst.converted, worst.grade.letter) == (Decimal("25.00"), "D")


@given(score_rows)
def test_sums_and_rows_agree(rows: list[tuple[int, ...]]) -> None:
    sums = [sum(r[i] for r in rows) for i in range(9)]
    assert ikm_from_sums(sums=sums, respondents=len(rows)) == ikm_compute(rows=rows)


def test_validation_accepts_nine_integers() -> None:
    scores, issues = respondent_validate(scores={c: " 3 " for c in ELEMENT_CODES})
    assert scores == (3,) * 9
    assert issues == []


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "missing_score"),
        (None, "missing_score"),
        ("5", "score_out_of_range"),
        (0, "score_out_of_range"),
        ("3.0", "score_not_integer"),
        ("tiga", "score_not_integer"),
        (True, "score_not_integer"),
        ("٣", "score_not_integer"),
    ],
)
def test_validation_names_the_element_and_the_problem(value, code: str) -> None:
    scores = {c: 4 for c in ELEMENT_CODES}
    scores["u7"] = value
    result, issues = respondent_validate(scores=scores, line=12)
    assert result is None
    assert [(i.code, i.element, i.line) for i in issues] == [(code, "u7", 12)]
    assert "U7" in str(issues[0].message)


def test_validation_refuses_unknown_elements() -> None:
    scores = {c: 4 for c in ELEMENT_CODES} | {"u10": 4}
    result, issues = respondent_validate(scores=scores)
    assert result is None
    assert [i.code for i in issues] == ["unknown_element"]
