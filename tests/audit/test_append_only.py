import pytest
from django.core.management import call_command
from django.db import DatabaseError, transaction

from balai.audit.models import AuditEvent, ChainHead
from balai.audit.services import audit_integrate, audit_record


@pytest.fixture
def event(db):
    return audit_record(actor=None, action="test.kept", region_code="35.10", after={"n": 1})


def test_orm_update_of_an_event_is_refused_by_the_database(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="test.changed")
    event.action = "test.changed"
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.kept"


def test_orm_delete_of_an_event_is_refused_by_the_database(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_sequencer_places_an_event_once_and_then_it_is_frozen(event):
    assert event.seq is None  # a writer only inserts
    audit_record(actor=None, action="test.next", region_code="35.10")
    audit_integrate(chains=["35.10"])
    placed = AuditEvent.objects.get(pk=event.pk)
    assert (placed.seq, ChainHead.objects.get(chain="35.10").seq) == (1, 2)
    # Its place, once given, cannot be changed, nor anything else with it.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(seq=7)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(prev_hash="f" * 64)


def test_giving_a_place_cannot_smuggle_in_another_change(db):
    pending = audit_record(actor=None, action="test.pending", region_code="35.10")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=pending.pk).update(seq=1, action="test.forged")
    assert AuditEvent.objects.get(pk=pending.pk).action == "test.pending"


@pytest.mark.django_db(transaction=True)
def test_flushing_the_whole_database_empties_the_trail_and_keeps_the_guard():
    audit_record(actor=None, action="test.before_flush", region_code="35.10")
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists() and not ChainHead.objects.exists()
    event = audit_record(actor=None, action="test.after_flush", region_code="35.10")
    # Outside a test transaction the writer's own commit integrated it (on_commit sequencer).
    assert AuditEvent.objects.get(pk=event.pk).seq == 1
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
