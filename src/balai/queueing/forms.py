"""Forms of the queue pages; the rules themselves live in services.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.catalog.models import Agency, Service
from balai.queueing.choices import PriorityClass
from balai.queueing.models import BookingSlot, Counter, QueuePrefix


class TakeForm(forms.Form):
    prefix = forms.ModelChoiceField(
        queryset=QueuePrefix.objects.none(),
        label=_("Instansi / layanan"),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    priority_class = forms.ChoiceField(
        choices=PriorityClass.choices,
        label=_("Prioritas"),
        required=False,
        widget=forms.RadioSelect,
        initial=PriorityClass.NONE,
    )

    def __init__(self, *args, prefixes, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["prefix"].queryset = prefixes


class CheckInForm(forms.Form):
    kode = forms.CharField(label=_("Kode pemesanan"), max_length=12)


class BookForm(forms.Form):
    slot = forms.ModelChoiceField(
        queryset=BookingSlot.objects.none(),
        label=_("Waktu kedatangan"),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    priority_class = forms.ChoiceField(
        choices=PriorityClass.choices, label=_("Prioritas"), required=False
    )

    def __init__(self, *args, slots, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots


class TicketCodeForm(forms.Form):
    kode = forms.CharField(label=_("Nomor antrean"), max_length=12)


class TransferForm(forms.Form):
    to_counter = forms.ModelChoiceField(
        queryset=Counter.objects.none(), label=_("Ke loket"), required=False
    )
    to_agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(), label=_("Ke instansi"), required=False
    )
    to_service = forms.ModelChoiceField(
        queryset=Service.objects.none(), label=_("Ke layanan"), required=False
    )

    def __init__(self, *args, counter: Counter, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        point = counter.service_point
        self.fields["to_counter"].queryset = Counter.objects.filter(service_point=point).exclude(
            pk=counter.pk
        )
        self.fields["to_agency"].queryset = point.agencies.all()
        self.fields["to_service"].queryset = Service.objects.filter(agency__in=point.agencies.all())
