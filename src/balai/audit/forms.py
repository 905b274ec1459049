from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Tindakan"), required=False, max_length=80)
    actor = forms.CharField(label=_("Pelaku"), required=False, max_length=200)
    object_type = forms.CharField(label=_("Jenis objek"), required=False, max_length=80)
    object_id = forms.CharField(label=_("ID objek"), required=False, max_length=64)
    since = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            raise forms.ValidationError(_("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data

    def bounds(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        """The chosen days as aware datetimes in the office's zone; `until` includes its day."""

        def start(day: dt.date | None) -> dt.datetime | None:
            if day is None:
                return None
            return timezone.make_aware(dt.datetime.combine(day, dt.time.min))

        until = self.cleaned_data.get("until")
        return (
            start(self.cleaned_data.get("since")),
            start(until + dt.timedelta(days=1) if until else None),
        )
