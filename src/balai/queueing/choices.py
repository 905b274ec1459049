"""Every status and kind the queue knows, defined once."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CounterState(models.TextChoices):
    OPEN = "open", _("Buka")
    PAUSED = "paused", _("Istirahat")
    CLOSED = "closed", _("Tutup")


class TicketStatus(models.TextChoices):
    BOOKED = "booked", _("Dipesan")
    WAITING = "waiting", _("Menunggu")
    CALLED = "called", _("Dipanggil")
    SERVING = "serving", _("Dilayani")
    DONE = "done", _("Selesai")
    NO_SHOW = "no_show", _("Tidak hadir")
    CANCELLED = "cancelled", _("Dibatalkan")
    # Waiting again at a new counter or agency, in its original place in the line.
    TRANSFERRED = "transferred", _("Dialihkan")


# A counter may call these; the rest are either not yet here or already handled.
CALLABLE = (TicketStatus.WAITING, TicketStatus.TRANSFERRED)
# The ticket a counter is busy with.
AT_COUNTER = (TicketStatus.CALLED, TicketStatus.SERVING)


class TicketSource(models.TextChoices):
    KIOSK = "kiosk", _("Anjungan")
    FRONT_DESK = "front_desk", _("Meja depan")
    ONLINE = "online", _("Daring")


class PriorityClass(models.TextChoices):
    NONE = "", _("Umum")
    ELDERLY = "lansia", _("Lansia")
    DISABILITY = "disabilitas", _("Penyandang disabilitas")
    PREGNANT = "ibu_hamil", _("Ibu hamil")


class PriorityMode(models.TextChoices):
    STRICT = "strict", _("Prioritas selalu didahulukan")
    EVERY_NTH = "every_nth", _("Setiap panggilan ke-N untuk antrean prioritas")


class EventKind(models.TextChoices):
    ISSUED = "issued", _("Diambil")
    BOOKED = "booked", _("Dipesan")
    CHECKED_IN = "checked_in", _("Hadir")
    CALLED = "called", _("Dipanggil")
    RECALLED = "recalled", _("Dipanggil ulang")
    STARTED = "started", _("Mulai dilayani")
    FINISHED = "finished", _("Selesai")
    NO_SHOW = "no_show", _("Tidak hadir")
    TRANSFERRED = "transferred", _("Dialihkan")
    CANCELLED = "cancelled", _("Dibatalkan")
    COUNTER_OPENED = "counter_opened", _("Loket dibuka")
    COUNTER_PAUSED = "counter_paused", _("Loket istirahat")
    COUNTER_CLOSED = "counter_closed", _("Loket ditutup")
    SIGNED_IN = "signed_in", _("Petugas masuk loket")
