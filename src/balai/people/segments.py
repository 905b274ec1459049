"""Resident segments as query filters (minimal, until the full rules land here)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from balai.people.choices import Religion, Segment


def segment_q(segment: str, today: dt.date) -> Q:
    if segment == Segment.FISHERMEN:
        return Q(occupation__icontains="nelayan")
    if segment == Segment.FARMERS:
        return Q(occupation__icontains="petani") | Q(occupation__icontains="pekebun")
    if segment == Segment.BELIEVERS:
        return Q(religion=Religion.KEPERCAYAAN)
    if segment == Segment.ELDERLY:
        return Q(birth_date__lte=today.replace(year=today.year - 60))
    if segment == Segment.DISABLED:
        return ~Q(disability="")
    raise ValueError(f"unknown segment {segment!r}")
