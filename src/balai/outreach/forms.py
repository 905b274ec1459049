"""Forms of the outreach pages. Checks of substance live in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Judul kegiatan"), max_length=200)
    date = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    village = forms.CharField(label=_("Kode desa"), max_length=13)
    agencies = forms.CharField(label=_("Instansi yang hadir (pisahkan koma)"), required=False)
    services = forms.CharField(label=_("Layanan yang dibuka (pisahkan koma)"), required=False)
    staff = forms.CharField(label=_("Petugas (pisahkan koma)"), required=False)
    target = forms.IntegerField(label=_("Target pendaftaran"), min_value=0, initial=0)


class IntakeForm(forms.Form):
    # Field order is the keyboard order: NIK first, Enter on it fetches the owner's data.
    nik = forms.CharField(
        label=_("NIK pemilik"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autofocus": True, "inputmode": "numeric", "autocomplete": "off"}
        ),
    )
    nama_usaha = forms.CharField(label=_("Nama usaha"), max_length=200, required=False)
    kbli = forms.CharField(label=_("KBLI (kode, pisahkan koma)"), max_length=100, required=False)
    alamat_usaha = forms.CharField(label=_("Alamat usaha"), max_length=250, required=False)
    kode_desa = forms.CharField(label=_("Kode desa"), max_length=13, required=False)
    modal = forms.CharField(label=_("Modal usaha (Rp)"), max_length=20, required=False)
    tenaga_kerja = forms.CharField(label=_("Tenaga kerja"), max_length=6, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Berkas XLSX"))


def split_list(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]
