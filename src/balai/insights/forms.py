from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.insights.periods import MONTH, WEEK

# A dashboard reads at most two years at once: the queries stay on their indexes' ranges.
MAX_DAYS = 731


class PeriodForm(forms.Form):
    mulai = forms.DateField(label=_("Dari tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(
        label=_("Sampai tanggal"), widget=forms.DateInput(attrs={"type": "date"})
    )
    tren = forms.ChoiceField(
        label=_("Tren per"),
        choices=[(WEEK, _("Minggu")), (MONTH, _("Bulan"))],
        required=False,
    )

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("mulai"), data.get("sampai")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("Tanggal akhir sebelum tanggal awal."))
            if end - start > dt.timedelta(days=MAX_DAYS):
                raise forms.ValidationError(_("Periode paling panjang dua tahun."))
        return data
