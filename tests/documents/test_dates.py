import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balai.documents.dates import MONTHS, date_indonesian, month_roman


def test_letter_dates_read_as_indonesian_letters_write_them():
    assert date_indonesian(dt.date(2021, 6, 4)) == "4 Juni 2021"
    assert date_indonesian(dt.date(2026, 12, 31)) == "31 Desember 2026"
    assert date_indonesian(dt.date(2024, 2, 29)) == "29 Februari 2024"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_every_date_reads_back_to_itself(value):
    day, month, year = date_indonesian(value).split(" ")
    assert dt.date(int(year), MONTHS.index(month) + 1, int(day)) == value
    assert not day.startswith("0")


def test_roman_months():
    assert [month_roman(m) for m in (1, 4, 9, 12)] == ["I", "IV", "IX", "XII"]
    with pytest.raises(ValueError):
        month_roman(13)
