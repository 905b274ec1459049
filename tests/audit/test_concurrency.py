import threading

import pytest
from django.db import connection, transaction

from balai.audit.models import AuditEvent
from balai.audit.services import audit_record
from balai.audit.verification import audit_verify

THREADS = 8
EACH = 50


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_writers_keep_one_contiguous_chain():
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(EACH):
                with transaction.atomic():
                    audit_record(
                        actor=None,
                        action="test.parallel",
                        region_code="35.10",
                        after={"thread": n, "i": i},
                    )
        except BaseException as exc:  # reported to the test thread below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    seqs = list(AuditEvent.objects.filter(chain="35.10").values_list("seq", flat=True))
    assert seqs == list(range(1, THREADS * EACH + 1))
    report = audit_verify(chains=["35.10"])
    assert report.valid and report.events == THREADS * EACH


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_verify_of_a_chain_that_grows_meanwhile_stays_valid(monkeypatch):
    # Small pages make each walk long; a writer appends throughout. Events committed after a
    # walk began must neither be read as a broken head nor as a gap.
    from balai.audit import verification

    monkeypatch.setattr(verification, "PAGE", 3)
    for i in range(60):
        audit_record(actor=None, action="test.before", region_code="35.10", after={"i": i})
    stop = threading.Event()

    def writer() -> None:
        try:
            while not stop.is_set():
                audit_record(actor=None, action="test.during", region_code="35.10")
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        reports = [audit_verify(chains=["35.10"]) for _ in range(8)]
    finally:
        stop.set()
        thread.join()
    assert [r.first_bad for r in reports] == [None] * 8
    assert AuditEvent.objects.filter(action="test.during").exists()
