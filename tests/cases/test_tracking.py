from hypothesis import given
from hypothesis import strategies as st

from balai.cases.tracking import (
    ALPHABET,
    BODY_LENGTH,
    check_character,
    tracking_code_display,
    tracking_code_new,
    tracking_code_normalise,
)

bodies = st.text(alphabet=ALPHABET, min_size=BODY_LENGTH, max_size=BODY_LENGTH)


def test_alphabet_has_no_lookalikes():
    assert not set("01OIL") & set(ALPHABET)
    assert len(ALPHABET) == 31


def test_new_codes_are_valid_and_read_back_from_their_printed_form():
    for _ in range(50):
        code = tracking_code_new()
        assert len(code) == 8
        assert tracking_code_normalise(code) == code
        assert tracking_code_normalise(tracking_code_display(code).lower()) == code


@given(bodies, st.integers(0, BODY_LENGTH), st.sampled_from(ALPHABET))
def test_every_single_wrong_character_is_caught(body, position, replacement):
    code = body + check_character(body)
    typo = code[:position] + replacement + code[position + 1 :]
    if typo != code:
        assert tracking_code_normalise(typo) is None


@given(bodies, st.integers(0, BODY_LENGTH - 1))
def test_every_swap_of_neighbours_is_caught(body, position):
    code = body + check_character(body)
    swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
    if swapped != code:
        assert tracking_code_normalise(swapped) is None


def test_text_that_cannot_be_a_code_is_refused():
    for text in ["", "ABC", "ABCDEFGHJ", "0OIL1234", "ABCD EFG!"]:
        assert tracking_code_normalise(text) is None
