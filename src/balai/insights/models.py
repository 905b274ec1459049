"""Daily case counts per office: the one table the insights app keeps.

A summary of `cases_case`, never a source of truth: `services.refresh_daily_counts` rewrites
whole days from the cases table (`balai insights-refresh`, on a timer). Trends (twelve weeks
or months) and the village ranking's received column sum these rows instead of a regency's
history; the days the table does not hold yet (always today) are counted live from the cases,
so a figure is never older than the last refresh of a past day. Percentiles are never read
from here: they are computed from the period's finished cases themselves.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyCaseCount(models.Model):
    """Cases of one office on one local day: received (submitted that day), finished (issued
    or rejected that day) and finished on time, by the office holding the case — the same
    columns `subjects.Subject.cases_q` narrows the cases table by, so it narrows this too."""

    regency_code = models.CharField(_("kode kabupaten"), max_length=5)
    day = models.DateField(_("tanggal"))
    office_region_code = models.CharField(_("wilayah kantor"), max_length=13, blank=True)
    # Plain ids, not foreign keys: a summary row is rewritten, never edited, and must not
    # hold an agency or a service point back from the catalog's own rules.
    office_agency_id = models.PositiveBigIntegerField(_("instansi"), null=True, blank=True)
    service_point_id = models.PositiveBigIntegerField(_("tempat layanan"), null=True, blank=True)
    received = models.PositiveIntegerField(_("diterima"), default=0)
    finished = models.PositiveIntegerField(_("selesai"), default=0)
    on_time = models.PositiveIntegerField(_("tepat waktu"), default=0)

    class Meta:
        verbose_name = _("jumlah permohonan harian")
        verbose_name_plural = _("jumlah permohonan harian")
        indexes = [
            # Covering: a regency's trend of a year sums ~90,000 rows off the index alone.
            models.Index(
                fields=["regency_code", "day"],
                include=[
                    "office_region_code",
                    "office_agency_id",
                    "service_point_id",
                    "received",
                    "finished",
                    "on_time",
                ],
                name="insights_daily_regency_day",
            ),
            models.Index(fields=["office_region_code", "day"], name="insights_daily_office_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.office_region_code or self.office_agency_id}"


class DailyCaseCountState(models.Model):
    """How far a regency's daily counts go: every day up to `complete_through` is in the
    table; later days are counted live. `refreshed_at` is when the last refresh read the
    cases (cases changed after it mark their days for the next one)."""

    regency_code = models.CharField(_("kode kabupaten"), max_length=5, primary_key=True)
    complete_through = models.DateField(_("lengkap sampai"))
    refreshed_at = models.DateTimeField(_("diperbarui pada"))

    class Meta:
        verbose_name = _("status jumlah harian")
        verbose_name_plural = _("status jumlah harian")

    def __str__(self) -> str:
        return f"{self.regency_code} ≤ {self.complete_through}"
