"""Setting a queue up by names (point code, agency code, username) and the priority policy
that call-next honours."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balai.accounts.models import User
from balai.queueing.errors import QueueError
from balai.queueing.models import Counter, PriorityPolicy, QueuePrefix
from balai.queueing.services import counter_sign_in, ticket_call_next, ticket_issue
from balai.queueing.setup import CategorySpec, priority_policy_set, queue_setup

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)


def test_the_command_sets_up_categories_counters_and_the_officer_by_name(mpp):
    User.objects.create(username="loket.baru")
    call_command(
        "queue",
        "setup",
        "--point",
        mpp.point.code,
        "--category",
        "C:KTP dan KK:dispendukcapil",
        "--counter",
        "7:Loket KTP:dispendukcapil:loket.baru",
        "--priority",
        "lansia,disabilitas,ibu_hamil",
        "--mode",
        "strict",
    )
    prefix = QueuePrefix.objects.get(service_point=mpp.point, letter="C")
    assert (prefix.name, prefix.agency) == ("KTP dan KK", mpp.dukcapil)
    counter = Counter.objects.get(service_point=mpp.point, number=7)
    assert counter.agency == mpp.dukcapil and counter.label == "Loket KTP"
    # The named officer may now sign in at the counter: the command gave them the point.
    officer = User.objects.get(username="loket.baru")
    counter_sign_in(actor=officer, counter=counter, at=T0)
    policy = PriorityPolicy.objects.get(service_point=mpp.point)
    assert policy.classes == ["lansia", "disabilitas", "ibu_hamil"]


def test_running_the_set_up_twice_updates_in_place(mpp):
    spec = [CategorySpec("C", "Satu", "dispendukcapil")]
    queue_setup(actor=None, point=mpp.point, categories=spec)
    queue_setup(actor=None, point=mpp.point, categories=[CategorySpec("c", "Dua", "samsat")])
    prefix = QueuePrefix.objects.get(service_point=mpp.point, letter="C")
    assert (prefix.name, prefix.agency) == ("Dua", mpp.samsat)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--category", "C:Nama:tidak-ada"], "unknown_agency"),
        (["--counter", "9:Loket:dispendukcapil:tidak.ada"], "unknown_user"),
        (["--priority", "vip"], "invalid_priority_class"),
        (["--counter", "x"], "NUMBER"),
    ],
)
def test_wrong_names_are_refused_and_nothing_is_half_written(mpp, args, message):
    before = (QueuePrefix.objects.count(), Counter.objects.count())
    with pytest.raises(CommandError, match=message):
        call_command("queue", "setup", "--point", mpp.point.code, *args)
    assert (QueuePrefix.objects.count(), Counter.objects.count()) == before


def test_an_agency_not_serving_at_the_point_is_refused(mpp, make_agency):
    make_agency("bpn", name="Badan Pertanahan", short_name="BPN")
    with pytest.raises(QueueError) as refused:
        queue_setup(actor=None, point=mpp.point, categories=[CategorySpec("D", "BPN", "bpn")])
    assert refused.value.code == "agency_not_at_point"


def test_only_a_manager_of_the_point_sets_it_up(mpp):
    with pytest.raises(QueueError) as refused:
        queue_setup(actor=mpp.officer, point=mpp.point, categories=[CategorySpec("C", "X")])
    assert refused.value.code == "forbidden"
    queue_setup(actor=mpp.manager, point=mpp.point, categories=[CategorySpec("C", "X")])


def _line(mpp, classes_in_order):
    tickets = []
    for i, cls in enumerate(classes_in_order):
        tickets.append(
            # Priority classes are given by the officer at the point (queueing/services.py).
            ticket_issue(
                actor=mpp.officer,
                prefix=mpp.prefix_a,
                priority_class=cls,
                at=T0 + dt.timedelta(minutes=i),
            )
        )
    return tickets


def _calls(mpp, count, at):
    counter_sign_in(actor=mpp.officer, counter=mpp.counter1, at=at)
    order = []
    for _ in range(count):
        ticket = ticket_call_next(actor=mpp.officer, counter=mpp.counter1, at=at)
        if ticket is None:
            break
        order.append(ticket.code)
        ticket.status = "done"
        ticket.save(update_fields=["status"])
    return order


def test_a_lansia_ticket_is_called_before_earlier_ordinary_ones(mpp):
    priority_policy_set(
        actor=None, point=mpp.point, classes=["lansia"], mode="strict", max_wait_minutes=30
    )
    _line(mpp, ["", "", "lansia"])
    assert _calls(mpp, 3, T0 + dt.timedelta(minutes=5)) == ["A-003", "A-001", "A-002"]


def test_an_ordinary_ticket_waiting_past_the_limit_goes_first(mpp):
    priority_policy_set(
        actor=None, point=mpp.point, classes=["lansia"], mode="strict", max_wait_minutes=30
    )
    _line(mpp, ["", "lansia"])
    assert _calls(mpp, 2, T0 + dt.timedelta(minutes=45)) == ["A-001", "A-002"]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(["", "lansia", "ibu_hamil"]), min_size=1, max_size=6))
def test_strict_policy_calls_every_priority_ticket_first_in_arrival_order(mpp, line):
    # Each example in a savepoint rolled back, so the next starts from the same queue.
    with transaction.atomic():
        _strict_example(mpp, line)
        transaction.set_rollback(True)


def _strict_example(mpp, line):
    priority_policy_set(
        actor=None,
        point=mpp.point,
        classes=["lansia", "ibu_hamil"],
        mode="strict",
        max_wait_minutes=600,
    )
    _line(mpp, line)
    codes = [f"A-{i + 1:03d}" for i in range(len(line))]
    expected = [c for c, k in zip(codes, line, strict=True) if k] + [
        c for c, k in zip(codes, line, strict=True) if not k
    ]
    assert _calls(mpp, len(line), T0 + dt.timedelta(minutes=10)) == expected
