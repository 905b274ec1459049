from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balai.queueing.announce import announcement, digits_spoken, number_words


def test_the_board_announcement():
    assert (
        announcement(ticket_code="A-012", counter_label="Loket 3")
        == "Nomor antrian A nol satu dua, silakan ke loket tiga"
    )
    assert (
        announcement(ticket_code="B-105", counter_label="Gerai 12 Samsat")
        == "Nomor antrian B satu nol lima, silakan ke gerai dua belas Samsat"
    )
    assert announcement(ticket_code="AB-001", counter_label="7").endswith(
        "A B nol nol satu, silakan ke loket tujuh"
    )


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nol"),
        (7, "tujuh"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (15, "lima belas"),
        (20, "dua puluh"),
        (24, "dua puluh empat"),
        (100, "seratus"),
        (111, "seratus sebelas"),
        (250, "dua ratus lima puluh"),
        (1000, "seribu"),
        (1200, "seribu dua ratus"),
        (21_017, "dua puluh satu ribu tujuh belas"),
    ],
)
def test_number_words(n, words):
    assert number_words(n) == words


@given(st.integers(min_value=0, max_value=999_999))
def test_one_before_a_unit_is_written_se(n):
    # 100 is "seratus", 11 "sebelas", 1000 "seribu"; "satu ribu" only inside a bigger number
    # of thousands (251,000: "dua ratus lima puluh satu ribu").
    words = number_words(n).split()
    for i, word in enumerate(words):
        if word in ("ratus", "belas"):
            assert words[i - 1] != "satu"
        if word == "ribu" and words[i - 1] == "satu":
            assert i >= 2
    assert n == 0 or "nol" not in words


@given(st.text(alphabet="0123456789", min_size=1, max_size=6))
def test_each_digit_is_one_word(number):
    assert len(digits_spoken(number).split()) == len(number)
