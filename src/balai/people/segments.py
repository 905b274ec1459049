"""Resident segments: groups a service may target, derived from the register's own fields.

The same rule is written twice on purpose — once for one resident in Python, once as a Q for
lists — and tests/people/test_segments.py holds the two to the same answers.
"""

from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_

from django.db.models import Q

from balai.people.choices import Religion, Segment
from balai.people.models import Resident

ELDERLY_AGE = 60  # UU 13/1998 on the welfare of the elderly: lanjut usia from 60 years
OCCUPATION_TERMS: dict[str, tuple[str, ...]] = {
    Segment.FISHERMEN: ("nelayan", "fisher"),
    Segment.FARMERS: ("petani", "pekebun", "buruh tani", "perkebunan"),
}


def elderly_cutoff(today: dt.date) -> dt.date:
    """The latest birth date of someone who is 60 or older on `today`."""
    try:
        return today.replace(year=today.year - ELDERLY_AGE)
    except ValueError:  # 29 February, sixty years before a year that was not leap
        return today.replace(year=today.year - ELDERLY_AGE, day=28)


def segment_q(segment: str, today: dt.date) -> Q:
    """Filter for a list of residents: `Resident.objects.filter(segment_q(...))`."""
    if segment in OCCUPATION_TERMS:
        return reduce(or_, (Q(occupation__icontains=t) for t in OCCUPATION_TERMS[segment]))
    if segment == Segment.BELIEVERS:
        return Q(religion=Religion.KEPERCAYAAN)
    if segment == Segment.ELDERLY:
        return Q(birth_date__lte=elderly_cutoff(today))
    if segment == Segment.DISABLED:
        return ~Q(disability="")
    raise ValueError(f"unknown segment {segment!r}")


def segments_of(resident: Resident, today: dt.date) -> list[str]:
    """Every segment the resident belongs to on `today`, in Segment order."""
    occupation = (resident.occupation or "").casefold()
    found = []
    for segment in Segment:
        if segment in OCCUPATION_TERMS:
            hit = any(term in occupation for term in OCCUPATION_TERMS[segment])
        elif segment == Segment.BELIEVERS:
            hit = resident.religion == Religion.KEPERCAYAAN
        elif segment == Segment.ELDERLY:
            hit = resident.birth_date <= elderly_cutoff(today)
        else:
            hit = bool(resident.disability)
        if hit:
            found.append(segment.value)
    return found
