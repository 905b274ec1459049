from __future__ import annotations

from django import template

from balai.insights.display import duration_text, percent_text, promise_text

register = template.Library()


@register.filter
def duration(seconds: float | None) -> str:
    return duration_text(seconds)


@register.filter
def percent(share: float | None) -> str:
    return percent_text(share)


@register.filter
def promise(row: object) -> str:
    return promise_text(getattr(row, "sla_value", None), getattr(row, "sla_unit", None))
