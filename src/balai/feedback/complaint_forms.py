"""Complaint forms: they collect; complaint_services decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.feedback.choices import ComplaintCategory
from balai.feedback.complaint_services import ComplaintIn


class ComplaintForm(forms.Form):
    category = forms.ChoiceField(label=_("Kategori"), choices=ComplaintCategory.choices)
    service = forms.ModelChoiceField(
        label=_("Layanan yang diadukan (jika ada)"), queryset=None, required=False
    )
    village_code = forms.ChoiceField(label=_("Desa/kelurahan"), required=False)
    text = forms.CharField(
        label=_("Isi pengaduan"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6})
    )
    anonymous = forms.BooleanField(label=_("Saya ingin anonim"), required=False)
    name = forms.CharField(label=_("Nama"), max_length=120, required=False)
    contact = forms.CharField(label=_("Nomor HP atau surel"), max_length=120, required=False)
    publish_consent = forms.BooleanField(
        label=_("Jawaban boleh dipublikasikan tanpa data pribadi saya"), required=False
    )

    def __init__(self, *args: Any, services: Any, villages: list[tuple[str, str]], **kw: Any):
        super().__init__(*args, **kw)
        self.fields["service"].queryset = services
        self.fields["village_code"].choices = [("", "---------"), *villages]

    def complaint_in(self, *, channel: str) -> ComplaintIn:
        data = self.cleaned_data
        return ComplaintIn(
            channel=channel,
            category=data["category"],
            text=data["text"],
            anonymous=data["anonymous"],
            name=data.get("name", ""),
            contact=data.get("contact", ""),
            service=data.get("service"),
            region_code=data.get("village_code", ""),
            publish_consent=data["publish_consent"],
        )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Jawaban"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )
