"""Showing exact fractions rounded once, half up, in the reader's number format."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django import template
from django.utils.formats import number_format

from balai.feedback.ikm import to_decimal

register = template.Library()


@register.filter
def places(value: Fraction | None, digits: int) -> str:
    if value is None:
        return ""
    rounded = to_decimal(Fraction(value), Decimal(1).scaleb(-int(digits)))
    return number_format(rounded, decimal_pos=int(digits))
