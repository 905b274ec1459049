"""Everything that changes a queue. Each function is one transaction that writes its
TicketEvent rows and its audit event, with the acting user passed in (None for a citizen at
a kiosk or online). Views, the API and commands all call these."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.accounts.permissions import can
from balai.audit.services import audit_record
from balai.catalog.models import Agency, Service, ServicePoint
from balai.queueing.choices import (
    AT_COUNTER,
    CALLABLE,
    CounterState,
    EventKind,
    PriorityClass,
    TicketSource,
    TicketStatus,
)
from balai.queueing.errors import QueueError
from balai.queueing.locks import counter_lock, local_day, sequence_next, slot_lock
from balai.queueing.models import (
    BookingSlot,
    Counter,
    PriorityPolicy,
    QueuePrefix,
    Ticket,
    TicketEvent,
)
from balai.queueing.ordering import candidates, take_next

# Booking codes avoid letters and digits that read alike on a phone (0/O, 1/I/L).
_BOOKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def _now(at: dt.datetime | None) -> dt.datetime:
    if at is None:
        return timezone.now()
    if timezone.is_naive(at):
        raise ValueError("at must be timezone-aware")
    return at


def _regency(region_code: str) -> str:
    return ".".join(region_code.split(".")[:2])


def _event(
    *, ticket: Ticket, kind: str, at: dt.datetime, counter: Counter | None, actor: Any
) -> None:
    TicketEvent.objects.create(
        regency_code=ticket.regency_code,
        service_point_id=ticket.service_point_id,
        ticket=ticket,
        counter=counter,
        kind=kind,
        at=at,
        actor=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action=f"queueing.ticket_{kind}",
        obj=ticket,
        region_code=ticket.region_code,
        after={
            "code": ticket.code,
            "status": ticket.status,
            "counter": counter.pk if counter else None,
        },
        occurred_at=at,
    )


def _counter_event(*, counter: Counter, kind: str, at: dt.datetime, actor: Any) -> None:
    TicketEvent.objects.create(
        regency_code=_regency(counter.region_code),
        service_point_id=counter.service_point_id,
        counter=counter,
        kind=kind,
        at=at,
        actor=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action=f"queueing.{kind}",
        obj=counter,
        region_code=counter.region_code,
        after={"state": counter.state, "staff": counter.staff_id},
        occurred_at=at,
    )


# --- Issuing ----------------------------------------------------------------------------------
def _check_service(*, prefix: QueuePrefix, service: Service | None) -> None:
    if service is None:
        return
    allowed = set(prefix.services.values_list("pk", flat=True))
    if allowed and service.pk not in allowed:
        raise QueueError(400, "service_not_in_prefix", _("Layanan ini tidak dilayani antrean itu."))
    if not allowed and prefix.agency_id is not None and service.agency_id != prefix.agency_id:
        raise QueueError(400, "service_not_in_prefix", _("Layanan ini tidak dilayani antrean itu."))


def _new_ticket(
    *,
    prefix: QueuePrefix,
    service: Service | None,
    priority_class: str,
    source: str,
    status: str,
    day: dt.date,
    at: dt.datetime,
    **fields: Any,
) -> Ticket:
    if priority_class not in PriorityClass.values:
        raise QueueError(400, "invalid_priority_class", _("Kelas prioritas tidak dikenal."))
    _check_service(prefix=prefix, service=service)
    point = prefix.service_point
    number = sequence_next(prefix=prefix, day=day)
    return Ticket.objects.create(
        regency_code=_regency(point.region_id),
        region_code=point.region_id,
        service_point=point,
        prefix=prefix,
        day=day,
        number=number,
        code=f"{prefix.letter}-{number:03d}",
        service=service,
        agency_id=service.agency_id if service else prefix.agency_id,
        priority_class=priority_class,
        source=source,
        status=status,
        issued_at=at,
        **fields,
    )


def ticket_issue(
    *,
    actor: Any,
    prefix: QueuePrefix,
    source: str = TicketSource.KIOSK,
    service: Service | None = None,
    priority_class: str = PriorityClass.NONE,
    case_ref: str = "",
    idempotency_key: str | None = None,
    at: dt.datetime | None = None,
) -> Ticket:
    """A ticket taken at the kiosk or the front desk, numbered per prefix per local day.
    The same idempotency key at the same point gives back the same ticket."""
    at = _now(at)
    if source == TicketSource.ONLINE:
        raise QueueError(400, "invalid_source", _("Tiket daring diambil lewat pemesanan slot."))
    # Priority (elderly, disabled, pregnant ...) and front-desk tickets are the counter
    # staff's to give, after seeing the citizen: never self-declared by an anonymous caller.
    staff_here = can(actor, "queueing.operate_counter", prefix.service_point)
    if priority_class and priority_class != PriorityClass.NONE and not staff_here:
        raise QueueError(
            403, "priority_needs_staff", _("Antrean prioritas diberikan oleh petugas loket.")
        )
    if source == TicketSource.FRONT_DESK and not staff_here:
        raise QueueError(403, "forbidden", _("Anda tidak bertugas di tempat layanan ini."))
    point_id = prefix.service_point_id
    if idempotency_key:
        found = Ticket.objects.filter(
            service_point_id=point_id, idempotency_key=idempotency_key
        ).first()
        if found is not None:
            return found
    try:
        with transaction.atomic():
            ticket = _new_ticket(
                prefix=prefix,
                service=service,
                priority_class=priority_class,
                source=source,
                status=TicketStatus.WAITING,
                day=local_day(service_point=prefix.service_point, at=at),
                at=at,
                queued_at=at,
                case_ref=case_ref,
                idempotency_key=idempotency_key or None,
            )
            _event(ticket=ticket, kind=EventKind.ISSUED, at=at, counter=None, actor=actor)
    except IntegrityError:
        # The same key sent twice at once: the other request's ticket is the answer.
        if not idempotency_key:
            raise
        return Ticket.objects.get(service_point_id=point_id, idempotency_key=idempotency_key)
    return ticket


def ticket_book(
    *,
    actor: Any,
    slot: BookingSlot,
    service: Service | None = None,
    priority_class: str = PriorityClass.NONE,
    at: dt.datetime | None = None,
) -> Ticket:
    """An online booking in a slot; refused when the slot is full or already over."""
    at = _now(at)
    with transaction.atomic():
        slot = slot_lock(slot_id=slot.pk)
        if slot.end <= at:
            raise QueueError(409, "slot_past", _("Slot ini sudah lewat. Silakan pilih slot lain."))
        if slot.booked >= slot.quota:
            raise QueueError(
                409, "slot_full", _("Kuota slot ini sudah penuh. Silakan pilih slot lain.")
            )
        slot.booked += 1
        slot.save(update_fields=["booked"])
        point = slot.service_point
        ticket = _new_ticket(
            prefix=slot.prefix,
            service=service or slot.service,
            priority_class=priority_class,
            source=TicketSource.ONLINE,
            status=TicketStatus.BOOKED,
            day=local_day(service_point=point, at=slot.start),
            at=at,
            slot=slot,
            booking_code="".join(secrets.choice(_BOOKING_ALPHABET) for _ in range(8)),
        )
        _event(ticket=ticket, kind=EventKind.BOOKED, at=at, counter=None, actor=actor)
    return ticket


def ticket_check_in(
    *, actor: Any, service_point: ServicePoint, booking_code: str, at: dt.datetime | None = None
) -> Ticket:
    """A booked citizen arrives: the ticket joins the line from now, on its booked day only."""
    at = _now(at)
    code = booking_code.strip().upper()
    with transaction.atomic():
        ticket = (
            Ticket.objects.select_for_update()
            .filter(service_point=service_point, booking_code=code)
            .first()
        )
        if ticket is None:
            raise QueueError(404, "booking_not_found", _("Kode pemesanan tidak ditemukan."))
        if ticket.status != TicketStatus.BOOKED:
            raise QueueError(409, "already_checked_in", _("Kode pemesanan ini sudah dipakai."))
        if ticket.day != local_day(service_point=service_point, at=at):
            raise QueueError(409, "booking_wrong_day", _("Pemesanan ini bukan untuk hari ini."))
        ticket.status = TicketStatus.WAITING
        ticket.queued_at = at
        ticket.save(update_fields=["status", "queued_at"])
        _event(ticket=ticket, kind=EventKind.CHECKED_IN, at=at, counter=None, actor=actor)
    return ticket


# --- At the counter ---------------------------------------------------------------------------
def _operated_counter(*, actor: Any, counter_id: int) -> Counter:
    """Lock the counter and check that `actor` may work it and is the one signed in."""
    counter = counter_lock(counter_id=counter_id)
    if not can(actor, "queueing.operate_counter", counter):
        raise QueueError(403, "forbidden", _("Anda tidak berwenang di loket ini."))
    if counter.staff_id != getattr(actor, "pk", None):
        raise QueueError(409, "not_signed_in", _("Masuk ke loket ini terlebih dahulu."))
    return counter


def ticket_call_next(
    *, actor: Any, counter: Counter, at: dt.datetime | None = None
) -> Ticket | None:
    """Call the next ticket this counter handles; None when nobody is waiting for it."""
    at = _now(at)
    with transaction.atomic():
        counter = _operated_counter(actor=actor, counter_id=counter.pk)
        if counter.state != CounterState.OPEN:
            raise QueueError(409, "counter_not_open", _("Loket sedang tidak buka."))
        if Ticket.objects.filter(counter=counter, status__in=AT_COUNTER).exists():
            raise QueueError(
                409,
                "counter_busy",
                _("Selesaikan atau tandai tidak hadir tiket yang sedang dipanggil."),
            )
        policy = PriorityPolicy.objects.filter(service_point_id=counter.service_point_id).first()
        service_ids = list(counter.services.values_list("pk", flat=True))
        ticket = take_next(
            candidates(counter=counter, service_ids=service_ids, policy=policy, now=at)
        )
        if ticket is None:
            return None
        ticket.status = TicketStatus.CALLED
        ticket.counter = counter
        ticket.target_counter = None
        ticket.called_at = at
        ticket.save(update_fields=["status", "counter", "target_counter", "called_at"])
        if policy is not None and ticket.priority_class in policy.classes:
            counter.calls_since_priority = 0
        else:
            counter.calls_since_priority += 1
        counter.save(update_fields=["calls_since_priority"])
        _event(ticket=ticket, kind=EventKind.CALLED, at=at, counter=counter, actor=actor)
    return ticket


# Which statuses each counter action starts from, and where it leaves the ticket.
_TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    EventKind.RECALLED: ((TicketStatus.CALLED,), TicketStatus.CALLED),
    EventKind.STARTED: ((TicketStatus.CALLED,), TicketStatus.SERVING),
    EventKind.FINISHED: ((TicketStatus.SERVING,), TicketStatus.DONE),
    EventKind.NO_SHOW: ((TicketStatus.CALLED,), TicketStatus.NO_SHOW),
}

_REFUSALS = {
    EventKind.RECALLED: _("Hanya tiket yang sedang dipanggil yang bisa dipanggil ulang."),
    EventKind.STARTED: _("Hanya tiket yang sedang dipanggil yang bisa mulai dilayani."),
    EventKind.FINISHED: _("Hanya tiket yang sedang dilayani yang bisa diselesaikan."),
    EventKind.NO_SHOW: _("Hanya tiket yang sedang dipanggil yang bisa ditandai tidak hadir."),
}


def _current_counter_id(ticket: Ticket) -> int | None:
    # Read fresh: the caller's copy may be older than a call or transfer since. The ticket
    # row is locked only after its counter, in the order locks.py sets.
    return Ticket.objects.filter(pk=ticket.pk).values_list("counter_id", flat=True).first()


def _counter_step(*, actor: Any, ticket: Ticket, kind: str, at: dt.datetime | None) -> Ticket:
    at = _now(at)
    sources, target = _TRANSITIONS[kind]
    with transaction.atomic():
        counter_id = _current_counter_id(ticket)
        if counter_id is None:
            raise QueueError(409, "invalid_transition", _REFUSALS[kind])
        counter = _operated_counter(actor=actor, counter_id=counter_id)
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
        if ticket.status not in sources or ticket.counter_id != counter.pk:
            raise QueueError(409, "invalid_transition", _REFUSALS[kind])
        ticket.status = target
        fields = ["status"]
        if kind == EventKind.RECALLED:
            ticket.called_at = at
            fields.append("called_at")
        if target in (TicketStatus.DONE, TicketStatus.NO_SHOW):
            ticket.finished_at = at
            fields.append("finished_at")
        ticket.save(update_fields=fields)
        _event(ticket=ticket, kind=kind, at=at, counter=counter, actor=actor)
    return ticket


def ticket_recall(*, actor: Any, ticket: Ticket, at: dt.datetime | None = None) -> Ticket:
    return _counter_step(actor=actor, ticket=ticket, kind=EventKind.RECALLED, at=at)


def ticket_start(*, actor: Any, ticket: Ticket, at: dt.datetime | None = None) -> Ticket:
    return _counter_step(actor=actor, ticket=ticket, kind=EventKind.STARTED, at=at)


def ticket_finish(*, actor: Any, ticket: Ticket, at: dt.datetime | None = None) -> Ticket:
    return _counter_step(actor=actor, ticket=ticket, kind=EventKind.FINISHED, at=at)


def ticket_no_show(*, actor: Any, ticket: Ticket, at: dt.datetime | None = None) -> Ticket:
    return _counter_step(actor=actor, ticket=ticket, kind=EventKind.NO_SHOW, at=at)


def ticket_transfer(
    *,
    actor: Any,
    ticket: Ticket,
    to_counter: Counter | None = None,
    to_agency: Agency | None = None,
    to_service: Service | None = None,
    at: dt.datetime | None = None,
) -> Ticket:
    """Send a ticket on to another counter or agency. It keeps its place: the line is
    ordered by queued_at, which a transfer leaves as it was."""
    at = _now(at)
    if (to_counter is None) == (to_agency is None and to_service is None):
        raise QueueError(
            400, "transfer_target", _("Pilih satu tujuan: loket lain, atau instansi/layanan lain.")
        )
    with transaction.atomic():
        counter_id = _current_counter_id(ticket)
        if counter_id is None:
            raise QueueError(409, "invalid_transition", _("Tiket ini tidak sedang di loket."))
        counter = _operated_counter(actor=actor, counter_id=counter_id)
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
        if ticket.status not in AT_COUNTER or ticket.counter_id != counter.pk:
            raise QueueError(409, "invalid_transition", _("Tiket ini tidak sedang di loket."))
        if to_counter is not None:
            if (
                to_counter.service_point_id != ticket.service_point_id
                or to_counter.pk == counter.pk
            ):
                raise QueueError(400, "transfer_target", _("Loket tujuan tidak valid."))
            ticket.target_counter = to_counter
        else:
            if to_service is not None:
                ticket.service = to_service
                ticket.agency_id = to_service.agency_id
            else:
                ticket.service = None
                ticket.agency = to_agency
            ticket.target_counter = None
        ticket.status = TicketStatus.TRANSFERRED
        ticket.counter = None
        ticket.save(update_fields=["status", "counter", "target_counter", "service", "agency"])
        _event(ticket=ticket, kind=EventKind.TRANSFERRED, at=at, counter=counter, actor=actor)
    return ticket


# --- Counters ---------------------------------------------------------------------------------
def _managed_counter(*, actor: Any, counter_id: int) -> Counter:
    """Lock the counter for its own operator, or for a manager of the point."""
    counter = counter_lock(counter_id=counter_id)
    own = counter.staff_id is not None and counter.staff_id == getattr(actor, "pk", None)
    if own and can(actor, "queueing.operate_counter", counter):
        return counter
    if can(actor, "queueing.manage", counter):
        return counter
    raise QueueError(403, "forbidden", _("Anda tidak berwenang di loket ini."))


def counter_sign_in(*, actor: Any, counter: Counter, at: dt.datetime | None = None) -> Counter:
    """Sign in at a counter and open it; one person works one counter at a time."""
    at = _now(at)
    with transaction.atomic():
        counter = counter_lock(counter_id=counter.pk)
        if not can(actor, "queueing.operate_counter", counter):
            raise QueueError(403, "forbidden", _("Anda tidak berwenang di loket ini."))
        for other in Counter.objects.select_for_update().filter(staff=actor).exclude(pk=counter.pk):
            other.staff = None
            other.state = CounterState.CLOSED
            other.save(update_fields=["staff", "state"])
            _counter_event(counter=other, kind=EventKind.COUNTER_CLOSED, at=at, actor=actor)
        counter.staff = actor
        counter.signed_in_at = at
        counter.state = CounterState.OPEN
        counter.save(update_fields=["staff", "signed_in_at", "state"])
        _counter_event(counter=counter, kind=EventKind.SIGNED_IN, at=at, actor=actor)
    return counter


def _counter_set_state(
    *, actor: Any, counter: Counter, state: str, kind: str, at: dt.datetime | None
) -> Counter:
    at = _now(at)
    with transaction.atomic():
        counter = _managed_counter(actor=actor, counter_id=counter.pk)
        if counter.state == state:
            raise QueueError(409, "invalid_transition", _("Loket sudah dalam keadaan itu."))
        if state == CounterState.OPEN and counter.staff_id is None:
            raise QueueError(409, "not_signed_in", _("Loket tanpa petugas tidak bisa dibuka."))
        if state == CounterState.CLOSED:
            if Ticket.objects.filter(counter=counter, status__in=AT_COUNTER).exists():
                raise QueueError(
                    409, "counter_busy", _("Selesaikan dulu tiket yang sedang di loket.")
                )
            counter.staff = None
        counter.state = state
        counter.save(update_fields=["state", "staff"])
        _counter_event(counter=counter, kind=kind, at=at, actor=actor)
    return counter


def counter_open(*, actor: Any, counter: Counter, at: dt.datetime | None = None) -> Counter:
    return _counter_set_state(
        actor=actor, counter=counter, state=CounterState.OPEN, kind=EventKind.COUNTER_OPENED, at=at
    )


def counter_pause(*, actor: Any, counter: Counter, at: dt.datetime | None = None) -> Counter:
    return _counter_set_state(
        actor=actor,
        counter=counter,
        state=CounterState.PAUSED,
        kind=EventKind.COUNTER_PAUSED,
        at=at,
    )


def counter_close(*, actor: Any, counter: Counter, at: dt.datetime | None = None) -> Counter:
    return _counter_set_state(
        actor=actor,
        counter=counter,
        state=CounterState.CLOSED,
        kind=EventKind.COUNTER_CLOSED,
        at=at,
    )


__all__ = [
    "CALLABLE",
    "counter_close",
    "counter_open",
    "counter_pause",
    "counter_sign_in",
    "ticket_book",
    "ticket_call_next",
    "ticket_check_in",
    "ticket_finish",
    "ticket_issue",
    "ticket_no_show",
    "ticket_recall",
    "ticket_start",
    "ticket_transfer",
]
