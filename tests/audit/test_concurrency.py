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
