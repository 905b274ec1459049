"""Forms of the case pages: input checking only; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.cases.choices import REJECTION_REASONS


class TrackForm(forms.Form):
    kode = forms.CharField(label=_("Kode lacak"), max_length=20, strip=True)


class InboxFilterForm(forms.Form):
    service = forms.CharField(label=_("Layanan"), required=False, max_length=60)
    state = forms.CharField(label=_("Tahap"), required=False, max_length=60)
    overdue = forms.BooleanField(label=_("Hanya yang terlambat"), required=False)


def _reason_choices() -> list[tuple[str, str]]:
    return [("", _("— pilih alasan —")), *REJECTION_REASONS.items()]


class ActForm(forms.Form):
    action = forms.CharField(max_length=60)
    comment = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason_code = forms.ChoiceField(
        label=_("Alasan penolakan"), required=False, choices=_reason_choices
    )


class BulkActForm(forms.Form):
    action = forms.CharField(label=_("Tindakan"), max_length=60)
    cases = forms.TypedMultipleChoiceField(coerce=int, choices=())
    comment = forms.CharField(label=_("Catatan"), required=False, max_length=1000)

    def __init__(self, *args, case_ids: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cases"].choices = [(pk, str(pk)) for pk in case_ids]
