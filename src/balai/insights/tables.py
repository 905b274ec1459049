"""A dashboard as plain tables: what the CSV and XLSX exports write. Numbers stay numbers
(hours and minutes with two decimals, shares as percentages) so a spreadsheet can sum them."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from balai.core.spreadsheet import csv_writer, xlsx_append
from balai.insights.selectors import Dashboard

TABLES = ("ringkasan", "layanan", "peringkat", "tren")


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 2)


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 2)


def _pct(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 2)


def _summary(d: Dashboard) -> list[list[Any]]:
    c, b, q = d.cases, d.backlog, d.queue
    rows: list[list[Any]] = [
        [_("Permohonan masuk"), c.received],
        [_("Permohonan selesai"), c.finished],
        [_("Selesai tepat waktu"), c.on_time],
        [_("Kepatuhan SLA (%)"), _pct(c.compliance)],
        [_("Median waktu penyelesaian (jam)"), _hours(c.median_s)],
        [_("P90 waktu penyelesaian (jam)"), _hours(c.p90_s)],
        [_("Permohonan terbuka"), b.open],
        [_("Permohonan terlambat"), b.overdue],
        [_("Menunggu perbaikan pemohon"), b.waiting_on_citizen],
        [_("Responden SKM"), d.ikm.respondents if d.ikm else 0],
        [_("IKM (nilai konversi)"), float(d.ikm.converted) if d.ikm else None],
        [_("Mutu pelayanan"), d.ikm.grade.letter if d.ikm else None],
    ]
    if d.complaints is not None:
        k = d.complaints
        rows += [
            [_("Pengaduan masuk"), k.received],
            [_("Pengaduan dijawab"), k.answered],
            [_("Pengaduan dijawab tepat waktu"), k.answered_on_time],
            [_("Pengaduan terlambat dijawab"), k.overdue],
        ]
    rows += [
        [_("Tiket antrean"), q.tickets],
        [_("Tiket dilayani"), q.served],
        [_("Tiket tidak hadir"), q.no_shows],
        [_("Median waktu tunggu (menit)"), _minutes(q.wait_median_s)],
        [_("P90 waktu tunggu (menit)"), _minutes(q.wait_p90_s)],
        [_("Median waktu layanan (menit)"), _minutes(q.service_median_s)],
    ]
    return rows


def dashboard_tables(d: Dashboard) -> dict[str, tuple[list[str], list[list[Any]]]]:
    return {
        "ringkasan": ([_("Ukuran"), _("Nilai")], _summary(d)),
        "layanan": (
            [
                _("Layanan"),
                _("Janji (standar)"),
                _("Satuan"),
                _("Masuk"),
                _("Selesai"),
                _("Tepat waktu"),
                _("Kepatuhan SLA (%)"),
                _("Median (jam)"),
                _("P90 (jam)"),
            ],
            [
                [
                    r.name,
                    r.sla_value,
                    r.sla_unit,
                    r.received,
                    r.finished,
                    r.on_time,
                    _pct(r.compliance),
                    _hours(r.median_s),
                    _hours(r.p90_s),
                ]
                for r in d.services
            ],
        ),
        "peringkat": (
            [
                _("Peringkat"),
                _("Kode wilayah"),
                _("Desa/kelurahan"),
                _("Masuk"),
                _("Selesai"),
                _("Tepat waktu"),
                _("Kepatuhan SLA (%)"),
                _("Median (jam)"),
                _("Terlambat"),
            ],
            [
                [
                    r.rank,
                    r.code,
                    r.name,
                    r.received,
                    r.finished,
                    r.on_time,
                    _pct(r.compliance),
                    _hours(r.median_s),
                    r.overdue,
                ]
                for r in d.ranking
            ],
        ),
        "tren": (
            [_("Mulai"), _("Masuk"), _("Selesai"), _("Tepat waktu")],
            [[p.start.isoformat(), p.received, p.finished, p.on_time] for p in d.trend],
        ),
    }


def dashboard_csv(d: Dashboard, table: str) -> str:
    headers, rows = dashboard_tables(d)[table]
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(headers)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return out.getvalue()


def dashboard_xlsx(d: Dashboard) -> bytes:
    wb = Workbook()
    first = True
    for name, (headers, rows) in dashboard_tables(d).items():
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = name
        if name == "ringkasan":
            ws.append([d.subject.name, str(d.subject.kind_label)])
            ws.append([_("Periode"), d.period.label])
            ws.append([])
        ws.append(headers)
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        for row in rows:
            xlsx_append(ws, row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
