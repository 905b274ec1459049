"""Segments: the Python rule and the list filter agree for every resident."""

from __future__ import annotations

import datetime as dt

import pytest

from balai.people.choices import Segment
from balai.people.models import Resident
from balai.people.segments import elderly_cutoff, segment_q, segments_of

TODAY = dt.date(2026, 11, 29)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"occupation": "Nelayan"}, ["nelayan"]),
        ({"occupation": "Buruh nelayan"}, ["nelayan"]),
        ({"occupation": "Fisherman"}, ["nelayan"]),
        ({"occupation": "PETANI/PEKEBUN"}, ["petani"]),
        ({"occupation": "Buruh tani"}, ["petani"]),
        ({"occupation": "Buruh perkebunan"}, ["petani"]),
        ({"occupation": "Guru", "religion": "kepercayaan"}, ["penghayat"]),
        ({"occupation": "Guru", "birth_date": dt.date(1966, 11, 29)}, ["lansia"]),
        ({"occupation": "Guru", "birth_date": dt.date(1966, 11, 30)}, []),
        ({"occupation": "Guru", "disability": "Tuna netra"}, ["disabilitas"]),
        ({"occupation": "Pedagang"}, []),
    ],
)
def test_segments_of_and_filter_agree(make_resident, fields, expected):
    resident = make_resident(**fields)
    assert segments_of(resident, TODAY) == expected
    for segment in Segment:
        found = Resident.objects.filter(segment_q(segment, TODAY), pk=resident.pk).exists()
        assert found == (segment.value in expected), segment


def test_elderly_cutoff_on_a_leap_day():
    assert elderly_cutoff(dt.date(2024, 2, 29)) == dt.date(1964, 2, 29)
    assert elderly_cutoff(dt.date(2160, 2, 29)) == dt.date(2100, 2, 28)


def test_unknown_segment_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown segment"):
        segment_q("astronaut", TODAY)
