"""Issuing, calling, transfers, bookings and counters through the real services."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balai.audit.models import AuditEvent
from balai.queueing.choices import EventKind, PriorityMode, TicketStatus
from balai.queueing.errors import QueueError
from balai.queueing.models import BookingSlot, DailySequence, PriorityPolicy, Ticket, TicketEvent
from balai.queueing.services import (
    counter_close,
    counter_pause,
    counter_sign_in,
    ticket_book,
    ticket_call_next,
    ticket_check_in,
    ticket_finish,
    ticket_issue,
    ticket_no_show,
    ticket_recall,
    ticket_start,
    ticket_transfer,
)

pytestmark = pytest.mark.django_db

UTC = dt.UTC
MORNING = dt.datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 08:00 WIB


def minutes(n: float) -> dt.timedelta:
    return dt.timedelta(minutes=n)


def test_numbers_count_per_prefix_and_show_as_codes(mpp):
    a1 = ticket_issue(actor=None, prefix=mpp.prefix_a, at=MORNING)
    a2 = ticket_issue(actor=None, prefix=mpp.prefix_a, at=MORNING + minutes(1))
    b1 = ticket_issue(actor=None, prefix=mpp.prefix_b, at=MORNING + minutes(2))
    assert [a1.code, a2.code, b1.code] == ["A-001", "A-002", "B-001"]
    assert a1.regency_code == "35.10" and a1.agency == mpp.dukcapil
    assert a1.status == TicketStatus.WAITING
    assert list(a1.events.values_list("kind", flat=True)) == [EventKind.ISSUED]
    assert AuditEvent.objects.filter(action="queueing.ticket_issued", object_id=str(a1.pk)).exists()


def test_numbers_restart_at_the_offices_local_midnight(mpp):
    # 23:59 and 00:01 WIB are 16:59 and 17:01 UTC: same UTC date, different office days.
    late = ticket_issue(
        actor=None, prefix=mpp.prefix_a, at=dt.datetime(2026, 3, 2, 16, 59, tzinfo=UTC)
    )
    ticket_issue(
        actor=None, prefix=mpp.prefix_a, at=dt.datetime(2026, 3, 2, 16, 59, 30, tzinfo=UTC)
    )
    early = ticket_issue(
        actor=None, prefix=mpp.prefix_a, at=dt.datetime(2026, 3, 2, 17, 1, tzinfo=UTC)
    )
    assert (late.day, late.number) == (dt.date(2026, 3, 2), 1)
    assert (early.day, early.code) == (dt.date(2026, 3, 3), "A-001")


def test_a_wita_office_restarts_an_hour_earlier(mpp, make_service_point):
    from balai.queueing.models import QueuePrefix

    bali_side = make_service_point("desk-wita", name="Loket WITA", timezone="Asia/Makassar")
    prefix = QueuePrefix.objects.create(service_point=bali_side, letter="A", name="Umum")
    before = ticket_issue(actor=None, prefix=prefix, at=dt.datetime(2026, 3, 2, 15, 59, tzinfo=UTC))
    after = ticket_issue(actor=None, prefix=prefix, at=dt.datetime(2026, 3, 2, 16, 1, tzinfo=UTC))
    assert before.day == dt.date(2026, 3, 2) and after.day == dt.date(2026, 3, 3)
    assert after.number == 1


def test_the_same_idempotency_key_gives_the_same_ticket(mpp):
    first = ticket_issue(actor=None, prefix=mpp.prefix_a, idempotency_key="kiosk-1-abc")
    again = ticket_issue(actor=None, prefix=mpp.prefix_a, idempotency_key="kiosk-1-abc")
    other = ticket_issue(actor=None, prefix=mpp.prefix_a, idempotency_key="kiosk-1-abd")
    assert again.pk == first.pk
    assert other.number == 2
    assert Ticket.objects.count() == 2


def test_a_service_of_another_agency_is_refused_and_leaves_no_number(mpp):
    with pytest.raises(QueueError) as refused:
        ticket_issue(actor=None, prefix=mpp.prefix_a, service=mpp.pajak)
    assert refused.value.code == "service_not_in_prefix"
    assert ticket_issue(actor=None, prefix=mpp.prefix_a, service=mpp.ktp).number == 1


def test_a_counter_calls_its_own_agency_first_come_first_served(mpp):
    a1 = ticket_issue(actor=None, prefix=mpp.prefix_a, at=MORNING)
    b1 = ticket_issue(actor=None, prefix=mpp.prefix_b, at=MORNING + minutes(1))
    a2 = ticket_issue(actor=None, prefix=mpp.prefix_a, at=MORNING + minutes(2))
    counter_sign_in(actor=mpp.officer, counter=mpp.counter1)
    called = ticket_call_next(actor=mpp.officer, counter=mpp.counter1, at=MORNING + minutes(5))
    assert called.pk == a1.pk and called.status == TicketStatus.CALLED
    ticket_start(actor=mpp.officer, ticket=called)
    ticket_finish(actor=mpp.officer, ticket=called)
    assert ticket_call_next(actor=mpp.officer, counter=mpp.counter1).pk == a2.pk
    counter_sign_in(actor=mpp.officer3, counter=mpp.counter3)
    assert ticket_call_next(actor=mpp.officer3, counter=mpp.counter3).pk == b1.pk
    counter_sign_in(actor=mpp.officer2, counter=mpp.counter2)
    assert ticket_call_next(actor=mpp.officer2, counter=mpp.counter2) is None


def test_calling_needs_a_signed_in_open_counter_in_scope(mpp, make_service_point, make_staff):
    ticket_issue(actor=None, prefix=mpp.prefix_a)
    with pytest.raises(QueueError) as refused:
        ticket_call_next(actor=mpp.officer, counter=mpp.counter1)
    assert refused.value.code == "not_signed_in"
    elsewhere = make_staff(
        "petugas_loket", service_point=make_service_point("pasar-genteng", kind="market_desk")
    )
    with pytest.raises(QueueError) as refused:
        counter_sign_in(actor=elsewhere, counter=mpp.counter1)
    assert refused.value.code == "forbidden" and refused.value.status == 403
    counter_sign_in(actor=mpp.officer, counter=mpp.counter1)
    counter_pause(actor=mpp.officer, counter=mpp.counter1)
    with pytest.raises(QueueError) as refused:
        ticket_call_next(actor=mpp.officer, counter=mpp.counter1)
    assert refused.value.code == "counter_not_open"
    assert "Loket" in refused.value.message


def test_invalid_transitions_are_refused_in_indonesian(mpp):
    ticket_issue(actor=None, prefix=mpp.prefix_a)
    counter_sign_in(actor=mpp.officer, counter=mpp.counter1)
    ticket = ticket_call_next(actor=mpp.officer, counter=mpp.counter1)
    with pytest.raises(QueueError) as refused:
        ticket_finish(actor=mpp.officer, ticket=ticket)
    assert (refused.value.code, refused.value.status) == ("invalid_transition", 409)
    assert "dilayani" in refused.value.message
    with pytest.raises(QueueError) as refused:
        ticket_call_next(actor=mpp.officer, counter=mpp.counter1)
    assert refused.value.code == "counter_busy"
    ticket_recall(actor=mpp.officer, ticket=ticket)
    ticket_no_show(actor=mpp.officer, ticket=ticket)
    with pytest.raises(QueueError):
        ticket_start(actor=mpp.officer, ticket=ticket)
    with pytest.raises(QueueError) as refused:
        ticket_recall(actor=mpp.officer2, ticket=ticket)
    assert refused.value.code in {"not_signed_in", "invalid_transition"}
    kinds = list(TicketEvent.objects.filter(ticket=ticket).values_list("kind", flat=True))
    assert kinds == [EventKind.ISSUED, EventKind.CALLED, EventKind.RECALLED, EventKind.NO_SHOW]
    with pytest.raises(QueueError) as refused:
        counter_close(actor=mpp.officer2, counter=mpp.counter1)
    assert refused.value.code == "forbidden"
    counter_close(actor=mpp.officer, counter=mpp.counter1)


def test_another_officer_cannot_work_a_counter_someone_else_signed_into(mpp):
    ticket_issue(actor=None, prefix=mpp.prefix_a)
    counter_sign_in(actor=mpp.officer, counter=mpp.counter1)
    with pytest.raises(QueueError) as refused:
        ticket_call_next(actor=mpp.officer2, counter=mpp.counter1)
    assert refused.value.code == "not_signed_in"


def test_a_transferred_ticket_keeps_its_place(mpp):
    first = ticket_issue(actor=None, prefix=mpp.prefix_a, at=MORNING)
    samsat_waiting = ticket_issue(actor=None, prefix=mpp.prefix_b, at=MORNING + minutes(3))
    counter_sign_in(actor=mpp.officer, counter=mpp.counter1)
    called = ticket_call_next(actor=mpp.officer, counter=mpp.counter1, at=MORNING + minutes(5))
    assert called.pk == first.pk
    moved = ticket_transfer(actor=mpp.officer, ticket=called, to_service=mpp.pajak)
    assert moved.status == TicketStatus.TRANSFERRED and moved.agency == mpp.samsat
    counter_sign_in(actor=mpp.officer3, counter=mpp.counter3)
    # Issued at 08:00, before the Samsat ticket of 08:03: it is called first.
    assert ticket_call_next(actor=mpp.officer3, counter=mpp.counter3).pk == first.pk
    ticket_no_show(actor=mpp.officer3, ticket=first)
    assert ticket_call_next(actor=mpp.officer3, counter=mpp.counter3).pk == samsat_waiting.pk


def test_a_transfer_to_one_counter_reaches_only_that_counter(mpp):
    ticket = ticket_issue(actor=None, prefix=mpp.prefix_a, at=MORNING)
    counter_sign_in(actor=mpp.officer, counter=mpp.counter1)
    counter_sign_in(actor=mpp.officer3, counter=mpp.counter3)
    ticket_call_next(actor=mpp.officer, counter=mpp.counter1)
    ticket_transfer(actor=mpp.officer, ticket=ticket, to_counter=mpp.counter2)
    assert ticket_call_next(actor=mpp.officer3, counter=mpp.counter3) is None
    counter_sign_in(actor=mpp.officer2, counter=mpp.counter2)
    assert ticket_call_next(actor=mpp.officer2, counter=mpp.counter2).pk == ticket.pk


def _issue_classes(mpp, classes: list[str]) -> list[Ticket]:
    return [
        ticket_issue(
            actor=mpp.officer, prefix=mpp.prefix_a, priority_class=cls, at=MORNING + minutes(i)
        )
        for i, cls in enumerate(classes)
    ]


def _call_all(mpp, at: dt.datetime) -> list[int]:
    order = []
    while (ticket := ticket_call_next(actor=mpp.officer, counter=mpp.counter1, at=at)) is not None:
        order.append(ticket.pk)
        ticket_no_show(actor=mpp.officer, ticket=ticket, at=at)
    return order


def test_strict_priority_serves_priority_classes_first(mpp):
    PriorityPolicy.objects.create(
        service_point=mpp.point, classes=["lansia", "ibu_hamil"], mode=PriorityMode.STRICT
    )
    tickets = _issue_classes(mpp, ["", "lansia", "", "ibu_hamil", "disabilitas"])
    counter_sign_in(actor=mpp.officer, counter=mpp.counter1)
    # Disabilitas is not a priority class at this point: it waits with everyone else.
    expected = [tickets[i].pk for i in (1, 3, 0, 2, 4)]
    assert _call_all(mpp, MORNING + minutes(10)) == expected


def test_aging_lets_a_long_wait_go_before_priority(mpp):
    PriorityPolicy.objects.create(
        service_point=mpp.point, classes=["lansia"], mode=PriorityMode.STRICT, max_wait_minutes=30
    )
    regular = ticket_issue(actor=None, prefix=mpp.prefix_a, at=MORNING)
    elder = ticket_issue(
        actor=mpp.officer, prefix=mpp.prefix_a, priority_class="lansia", at=MORNING + minutes(20)
    )
    counter_sign_in(actor=mpp.officer, counter=mpp.counter1)
    # At 08:31 the regular ticket has waited 31 minutes, past the 30-minute limit.
    assert _call_all(mpp, MORNING + minutes(31)) == [regular.pk, elder.pk]


def _reference_order(classes: list[str], priority: set[str], nth: int) -> list[int]:
    """Every Nth call goes to the priority line when it has anyone; FIFO within a line."""
    prio = [i for i, c in enumerate(classes) if c in priority]
    rest = [i for i, c in enumerate(classes) if c not in priority]
    since, order = 0, []
    while prio or rest:
        take_priority = (since >= nth - 1 and prio) or not rest
        order.append(prio.pop(0) if take_priority else rest.pop(0))
        since = 0 if take_priority else since + 1
    return order


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    classes=st.lists(st.sampled_from(["", "", "lansia", "disabilitas"]), min_size=1, max_size=9),
    nth=st.integers(min_value=1, max_value=4),
)
def test_every_nth_call_goes_to_the_priority_line(mpp, classes, nth):
    Ticket.objects.all().delete()
    DailySequence.objects.all().delete()
    PriorityPolicy.objects.update_or_create(
        service_point=mpp.point,
        defaults={
            "classes": ["lansia", "disabilitas"],
            "mode": PriorityMode.EVERY_NTH,
            "every_nth": nth,
        },
    )
    mpp.counter1.refresh_from_db()
    mpp.counter1.calls_since_priority = 0
    mpp.counter1.save()
    tickets = _issue_classes(mpp, classes)
    counter_sign_in(actor=mpp.officer, counter=mpp.counter1)
    expected = [tickets[i].pk for i in _reference_order(classes, {"lansia", "disabilitas"}, nth)]
    assert _call_all(mpp, MORNING + minutes(15)) == expected


def _slot(mpp, quota: int) -> BookingSlot:
    return BookingSlot.objects.create(
        service_point=mpp.point,
        prefix=mpp.prefix_a,
        service=mpp.ktp,
        start=dt.datetime(2026, 3, 3, 2, 0, tzinfo=UTC),
        end=dt.datetime(2026, 3, 3, 3, 0, tzinfo=UTC),
        quota=quota,
    )


def test_a_full_slot_is_refused_in_indonesian(mpp):
    slot = _slot(mpp, quota=2)
    for _ in range(2):
        ticket_book(actor=None, slot=slot, at=MORNING)
    with pytest.raises(QueueError) as refused:
        ticket_book(actor=None, slot=slot, at=MORNING)
    assert refused.value.code == "slot_full"
    assert "penuh" in refused.value.message
    slot.refresh_from_db()
    assert slot.booked == 2 and Ticket.objects.count() == 2


def test_a_booking_joins_the_line_at_check_in_on_its_day(mpp):
    booked = ticket_book(actor=None, slot=_slot(mpp, quota=5), at=MORNING)
    assert booked.status == TicketStatus.BOOKED and booked.day == dt.date(2026, 3, 3)
    assert len(booked.booking_code) == 8
    with pytest.raises(QueueError) as refused:
        ticket_check_in(
            actor=None, service_point=mpp.point, booking_code=booked.booking_code, at=MORNING
        )
    assert refused.value.code == "booking_wrong_day"
    arrival = dt.datetime(2026, 3, 3, 1, 50, tzinfo=UTC)
    walk_in = ticket_issue(actor=None, prefix=mpp.prefix_a, at=arrival - minutes(5))
    checked = ticket_check_in(
        actor=None, service_point=mpp.point, booking_code=booked.booking_code.lower(), at=arrival
    )
    assert checked.status == TicketStatus.WAITING and checked.queued_at == arrival
    # The walk-in's number continues after the booking's: one sequence per prefix and day.
    assert (booked.number, walk_in.number) == (1, 2)
    with pytest.raises(QueueError) as refused:
        ticket_check_in(
            actor=None, service_point=mpp.point, booking_code=booked.booking_code, at=arrival
        )
    assert refused.value.code == "already_checked_in"
