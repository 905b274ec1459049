"""The resident search form. Choices for the village filter come from the viewer's scope."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.people.choices import ResidentStatus, Segment
from balai.people.selectors import villages_in_scope

# Above this, a select would be a wall of options: the village is typed as a code instead.
VILLAGE_SELECT_MAX = 300


class ResidentSearchForm(forms.Form):
    q = forms.CharField(
        label=_("NIK, nomor KK atau nama"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    village = forms.CharField(label=_("Desa/kelurahan"), required=False, max_length=13)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua status")), *ResidentStatus.choices],
    )
    segment = forms.ChoiceField(
        label=_("Kelompok"),
        required=False,
        choices=[("", _("Semua kelompok")), *Segment.choices],
    )

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        villages = villages_in_scope(viewer=viewer).only("code", "name")
        options = list(villages[: VILLAGE_SELECT_MAX + 1])
        if len(options) <= VILLAGE_SELECT_MAX:
            self.fields["village"] = forms.ChoiceField(
                label=_("Desa/kelurahan"),
                required=False,
                choices=[("", _("Semua desa dalam wilayah Anda"))]
                + [(v.code, f"{v.name} ({v.code})") for v in options],
            )
        self._village_codes = {v.code for v in options}

    def clean_village(self) -> str:
        code = self.cleaned_data.get("village", "").strip()
        if code and len(self._village_codes) > VILLAGE_SELECT_MAX:
            return code  # the selector's scope filter still applies to a typed code
        if code and code not in self._village_codes:
            raise forms.ValidationError(_("Desa ini di luar wilayah Anda."))
        return code
