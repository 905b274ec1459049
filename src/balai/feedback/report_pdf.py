"""The IKM report (PermenPAN-RB 14/2017) as a PDF, drawn by Typst from the same figures as the
page and the XLSX."""

from __future__ import annotations

import json
from pathlib import Path

import typst
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.feedback.ikm import CONVERSION, ELEMENTS, FOUR_PLACES, WEIGHT, to_decimal
from balai.feedback.selectors import IkmReport

TEMPLATE = Path(__file__).resolve().parent / "typst" / "ikm_report.typ"


def _four(value: object) -> str:
    return "–" if value is None else f"{to_decimal(value, FOUR_PLACES)}"


def ikm_report_data(*, title: str, period: str, report: IkmReport) -> dict:
    result = report.result
    elements = []
    for i, element in enumerate(ELEMENTS):
        nrr = result.nrr[i] if result else None
        elements.append(
            {
                "code": element.code.upper(),
                "name": str(element.name),
                "sum": str(report.sums[i]),
                "nrr": _four(nrr),
                "weighted": _four(nrr * WEIGHT if nrr is not None else None),
            }
        )
    results = []
    if result is not None:
        results = [
            [_("IKM (skala 1–4)"), _four(result.ikm)],
            [_("Nilai konversi (IKM × %(k)d)") % {"k": CONVERSION}, f"{result.converted}"],
            [_("Mutu pelayanan"), result.grade.letter],
            [_("Kinerja unit pelayanan"), str(result.grade.name)],
        ]
    return {
        "heading": _("INDEKS KEPUASAN MASYARAKAT (IKM)"),
        "regulation": _("Survei Kepuasan Masyarakat menurut PermenPAN-RB Nomor 14 Tahun 2017"),
        "unit": title,
        "facts": [
            [_("Unit pelayanan"), title],
            [_("Periode"), period],
            [_("Jumlah responden"), str(report.respondents)],
        ],
        "columns": [_("Unsur"), _("Nama unsur"), _("Jumlah nilai"), "NRR", _("NRR tertimbang")],
        "elements": elements,
        "results": results,
        "formula": _(
            "NRR = jumlah nilai per unsur ÷ jumlah responden; NRR tertimbang = NRR × 1/9; "
            "IKM = jumlah NRR tertimbang; nilai konversi = IKM × 25 (dua desimal)."
        ),
        "profile_heading": _("Profil responden"),
        "profile": [
            {"heading": str(heading), "rows": [[str(label), n] for _v, label, n in counts]}
            for heading, counts in (
                (_("Jenis kelamin"), report.by_sex),
                (_("Pendidikan"), report.by_education),
                (_("Pekerjaan"), report.by_occupation),
            )
        ],
        "generated": _("Dibuat %(at)s") % {"at": timezone.localtime().strftime("%d-%m-%Y %H:%M")},
    }


def ikm_pdf(*, title: str, period: str, report: IkmReport) -> bytes:
    data = ikm_report_data(title=title, period=period, report=report)
    return typst.compile(
        str(TEMPLATE),
        format="pdf",
        sys_inputs={"data": json.dumps(data)},
        ignore_system_fonts=True,
    )
