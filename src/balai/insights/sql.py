"""Two SQL pieces the ORM lacks: seconds between two timestamps, and a continuous percentile.

PostgreSQL computes percentiles in the database (`percentile_cont ... WITHIN GROUP`); SQLite
has no such aggregate, so there the ordered values are read and interpolated here by the same
definition (linear between the two nearest ranks), so both databases give the same figures.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Aggregate, F, FloatField, Func, QuerySet


class Seconds(Func):
    """`later - earlier` in seconds, as a float."""

    arity = 2
    output_field = FloatField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="EXTRACT(EPOCH FROM (%(expressions)s))",
            arg_joiner=" - ",
            **extra,
        )

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s)) * 86400.0)",
            arg_joiner=") - julianday(",
            **extra,
        )


class PercentileCont(Aggregate):
    """PostgreSQL's ordered-set aggregate; `fraction` is a number from this module, never input."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression: Any, fraction: float, **extra: Any) -> None:
        super().__init__(expression, fraction=repr(float(fraction)), **extra)


def completion_seconds() -> Seconds:
    return Seconds(F("closed_at"), F("submitted_at"))


def percentile_of_sorted(values: Sequence[float], fraction: float) -> float | None:
    """percentile_cont over values already in ascending order."""
    if not values:
        return None
    position = fraction * (len(values) - 1)
    low = math.floor(position)
    high = math.ceil(position)
    return values[low] + (values[high] - values[low]) * (position - low)


def in_database() -> bool:
    return connection.vendor == "postgresql"


def grouped_percentiles(
    queryset: QuerySet[Any], *, group: str | None, value: Any, fractions: Sequence[float]
) -> dict[Any, tuple[float | None, ...]]:
    """{group value: (percentile per fraction)} over `value`, one query on either database."""
    qs = queryset.order_by()
    if in_database():
        names = {f"p{i}": PercentileCont(value, f) for i, f in enumerate(fractions)}
        if group is None:
            row = qs.aggregate(**names)
            return {None: tuple(row[k] for k in names)}
        rows = qs.values(group).annotate(**names)
        return {r[group]: tuple(r[k] for k in names) for r in rows}
    keys = [group] if group else []
    rows = qs.annotate(_v=value).values_list(*keys, "_v").order_by(*keys, "_v")
    grouped: dict[Any, list[float]] = defaultdict(list)
    for row in rows:
        grouped[row[0] if group else None].append(row[-1])
    if group is None and not grouped:
        grouped[None] = []
    return {k: tuple(percentile_of_sorted(vs, f) for f in fractions) for k, vs in grouped.items()}
