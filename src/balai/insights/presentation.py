"""The dashboard's charts, built from its figures (drawing only; the figures are selectors')."""

from __future__ import annotations

from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from balai.insights.charts import Bar, Row, Series, bar_chart, column_chart
from balai.insights.display import duration_text, percent_text, promise_seconds, promise_text
from balai.insights.periods import MONTH
from balai.insights.selectors import Dashboard, PublicServiceTimes

RECEIVED = Series(_("Masuk"), "s-received")
FINISHED = Series(_("Selesai"), "s-finished")
ON_TIME = Series(_("Tepat waktu"), "s-ontime")
PROMISE = Series(_("Janji"), "s-promise")
ACTUAL = Series(_("Median nyata"), "s-actual")
# The ranking chart shows the best and the worst; the table below it has every village.
RANKING_EACH_END = 8


def _bucket_label(day: Any, grain: str) -> str:
    return formats.date_format(day, "M y" if grain == MONTH else "j/n")


def trend_chart(d: Dashboard) -> Any:
    labels = [_bucket_label(p.start, d.period.grain) for p in d.trend]
    per = _("bulan") if d.period.grain == MONTH else _("minggu")
    return column_chart(
        labels,
        [(p.received, p.finished, p.on_time) for p in d.trend],
        series=[RECEIVED, FINISHED, ON_TIME],
        title=_("Tren permohonan per %(per)s") % {"per": per},
        desc=_("Permohonan masuk, selesai dan selesai tepat waktu, %(n)d %(per)s terakhir.")
        % {"n": len(d.trend), "per": per},
    )


def ranking_chart(d: Dashboard) -> Any:
    ranked = [r for r in d.ranking if r.finished]
    if len(ranked) > 2 * RANKING_EACH_END:
        ranked = ranked[:RANKING_EACH_END] + ranked[-RANKING_EACH_END:]
    rows = [
        Row(f"{r.rank}. {r.name}", [Bar(r.compliance or 0.0, percent_text(r.compliance))])
        for r in ranked
    ]
    return bar_chart(
        rows,
        series=[ON_TIME],
        top=1.0,
        title=_("Peringkat desa menurut kepatuhan SLA"),
        desc=_("Bagian permohonan yang selesai tepat waktu per desa, terbaik dan terbawah."),
    )


def services_chart(services: list[Any], *, limit: int = 12) -> Any:
    rows = []
    for s in services[:limit]:
        promised = promise_seconds(s.sla_value, s.sla_unit)
        if promised is None or s.median_s is None:
            continue
        rows.append(
            Row(
                s.name,
                [
                    Bar(promised, promise_text(s.sla_value, s.sla_unit)),
                    Bar(s.median_s, duration_text(s.median_s)),
                ],
            )
        )
    return bar_chart(
        rows,
        series=[PROMISE, ACTUAL],
        title=_("Janji layanan dan median waktu penyelesaian"),
        desc=_("Per layanan: jangka waktu dalam standar pelayanan dan median waktu nyata."),
    )


def public_chart(item: PublicServiceTimes) -> Any:
    return services_chart([item])
