"""What a queue needs beside the catalog's service points: zones, counters, ticket
categories, tickets and their timed events, booking slots and the priority policy.

Wait and service times are never stored on the ticket: they come from TicketEvent rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai.queueing.choices import (
    CounterState,
    EventKind,
    PriorityClass,
    PriorityMode,
    TicketSource,
    TicketStatus,
)


class Zone(models.Model):
    """A floor or wing of a service point (MPP Banyuwangi has two floors)."""

    service_point = models.ForeignKey(
        "catalog.ServicePoint", models.CASCADE, related_name="queue_zones"
    )
    name = models.CharField(_("nama"), max_length=80)
    floor = models.SmallIntegerField(_("lantai"), default=1)

    class Meta:
        verbose_name = _("zona")
        verbose_name_plural = _("zona")
        ordering = ["service_point", "floor", "name"]
        constraints = [
            models.UniqueConstraint(fields=["service_point", "name"], name="queue_zone_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Counter(models.Model):
    """A gerai or loket. With services set it calls only those; else its agency's tickets."""

    service_point = models.ForeignKey(
        "catalog.ServicePoint", models.CASCADE, related_name="queue_counters"
    )
    region_code = models.CharField(_("kode wilayah"), max_length=20, db_index=True)
    zone = models.ForeignKey(Zone, models.SET_NULL, null=True, blank=True, related_name="counters")
    number = models.PositiveSmallIntegerField(_("nomor"))
    label = models.CharField(_("nama loket"), max_length=40, blank=True)
    agency = models.ForeignKey(
        "catalog.Agency", models.PROTECT, null=True, blank=True, related_name="queue_counters"
    )
    services = models.ManyToManyField("catalog.Service", blank=True, related_name="queue_counters")
    state = models.CharField(
        _("keadaan"), max_length=10, choices=CounterState.choices, default=CounterState.CLOSED
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="queue_counters",
    )
    signed_in_at = models.DateTimeField(null=True, blank=True)
    # Regular calls since this counter last called a priority ticket (PriorityMode.EVERY_NTH).
    calls_since_priority = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("loket")
        verbose_name_plural = _("loket")
        ordering = ["service_point", "number"]
        constraints = [
            models.UniqueConstraint(fields=["service_point", "number"], name="queue_counter_unique")
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.label or f"Loket {self.number}"


class QueuePrefix(models.Model):
    """A ticket category at one point: its letter, and the agency or services it is for."""

    service_point = models.ForeignKey(
        "catalog.ServicePoint", models.CASCADE, related_name="queue_prefixes"
    )
    letter = models.CharField(_("huruf"), max_length=2)
    name = models.CharField(_("nama"), max_length=120)
    agency = models.ForeignKey(
        "catalog.Agency", models.PROTECT, null=True, blank=True, related_name="queue_prefixes"
    )
    services = models.ManyToManyField("catalog.Service", blank=True, related_name="queue_prefixes")

    class Meta:
        verbose_name = _("kategori antrean")
        verbose_name_plural = _("kategori antrean")
        ordering = ["service_point", "letter"]
        constraints = [
            models.UniqueConstraint(fields=["service_point", "letter"], name="queue_prefix_unique")
        ]

    def __str__(self) -> str:
        return f"{self.letter} · {self.name}"


class DailySequence(models.Model):
    """The last number given for one prefix on one local day: the row ticket_issue locks."""

    prefix = models.ForeignKey(QueuePrefix, models.CASCADE, related_name="sequences")
    day = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "day"], name="queue_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix_id}/{self.day}: {self.last_number}"


class BookingSlot(models.Model):
    """An online booking window with a quota; `booked` is changed under a row lock."""

    service_point = models.ForeignKey(
        "catalog.ServicePoint", models.CASCADE, related_name="queue_slots"
    )
    prefix = models.ForeignKey(QueuePrefix, models.CASCADE, related_name="slots")
    service = models.ForeignKey(
        "catalog.Service", models.PROTECT, null=True, blank=True, related_name="queue_slots"
    )
    start = models.DateTimeField(_("mulai"))
    end = models.DateTimeField(_("selesai"))
    quota = models.PositiveIntegerField(_("kuota"))
    booked = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("slot pemesanan")
        verbose_name_plural = _("slot pemesanan")
        ordering = ["service_point", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="queue_slot_order")
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M}–{self.end:%H:%M}"


class PriorityPolicy(models.Model):
    """Which classes a point serves first, and how; `max_wait_minutes` is the aging guard."""

    service_point = models.OneToOneField(
        "catalog.ServicePoint", models.CASCADE, related_name="queue_priority_policy"
    )
    classes = models.JSONField(
        _("kelas prioritas"),
        default=list,
        help_text=_("Kode kelas: lansia, disabilitas, ibu_hamil."),
    )
    mode = models.CharField(
        _("cara"), max_length=10, choices=PriorityMode.choices, default=PriorityMode.EVERY_NTH
    )
    every_nth = models.PositiveSmallIntegerField(_("setiap panggilan ke-"), default=3)
    max_wait_minutes = models.PositiveIntegerField(_("batas tunggu (menit)"), default=60)

    class Meta:
        verbose_name = _("kebijakan prioritas")
        verbose_name_plural = _("kebijakan prioritas")

    def __str__(self) -> str:
        return f"{self.mode}: {', '.join(self.classes)}"


class Ticket(models.Model):
    regency_code = models.CharField(max_length=8, db_index=True)
    region_code = models.CharField(max_length=20)
    service_point = models.ForeignKey(
        "catalog.ServicePoint", models.PROTECT, related_name="queue_tickets"
    )
    prefix = models.ForeignKey(QueuePrefix, models.PROTECT, related_name="tickets")
    day = models.DateField(help_text="the service point's local day")
    number = models.PositiveIntegerField()
    code = models.CharField(max_length=12)
    service = models.ForeignKey(
        "catalog.Service", models.PROTECT, null=True, blank=True, related_name="queue_tickets"
    )
    agency = models.ForeignKey(
        "catalog.Agency", models.PROTECT, null=True, blank=True, related_name="queue_tickets"
    )
    priority_class = models.CharField(
        max_length=12, choices=PriorityClass.choices, blank=True, default=PriorityClass.NONE
    )
    source = models.CharField(max_length=12, choices=TicketSource.choices)
    slot = models.ForeignKey(
        BookingSlot, models.PROTECT, null=True, blank=True, related_name="tickets"
    )
    # NULL, not "", where unset: both codes are unique and most tickets have neither.
    booking_code = models.CharField(max_length=12, null=True, blank=True, unique=True)
    status = models.CharField(max_length=12, choices=TicketStatus.choices)
    counter = models.ForeignKey(
        Counter, models.SET_NULL, null=True, blank=True, related_name="tickets"
    )
    # Set by a transfer to one counter: only that counter may call the ticket.
    target_counter = models.ForeignKey(
        Counter, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    case_ref = models.CharField(max_length=40, blank=True, default="")
    idempotency_key = models.CharField(max_length=80, null=True, blank=True)  # noqa: DJ001
    issued_at = models.DateTimeField()
    # The place in the line: issue (or check-in) time, kept across transfers.
    queued_at = models.DateTimeField(null=True, blank=True)
    called_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tiket antrean")
        verbose_name_plural = _("tiket antrean")
        ordering = ["queued_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["prefix", "day", "number"], name="queue_ticket_number"),
            models.UniqueConstraint(
                fields=["service_point", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="queue_ticket_idempotency",
            ),
        ]
        indexes = [
            models.Index(
                fields=["service_point", "status", "queued_at"], name="queue_ticket_waiting"
            ),
            # Calling order over callable tickets only: the next ticket is read off the index
            # in order instead of sorting every waiting ticket on each call.
            models.Index(
                fields=["service_point", "queued_at", "id"],
                condition=Q(status__in=["waiting", "transferred"]),
                name="queue_ticket_callable",
            ),
            models.Index(fields=["service_point", "day", "code"], name="queue_ticket_code"),
        ]

    def __str__(self) -> str:
        return self.code


class TicketEvent(models.Model):
    """One timed state change; the board polls the newest id per point."""

    regency_code = models.CharField(max_length=8)
    service_point = models.ForeignKey(
        "catalog.ServicePoint", models.CASCADE, related_name="queue_events"
    )
    ticket = models.ForeignKey(Ticket, models.CASCADE, null=True, blank=True, related_name="events")
    counter = models.ForeignKey(
        Counter, models.SET_NULL, null=True, blank=True, related_name="events"
    )
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["service_point", "id"], name="queue_event_point"),
            models.Index(fields=["service_point", "at"], name="queue_event_point_at"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%H:%M:%S}"
