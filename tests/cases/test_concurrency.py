"""Race safety on PostgreSQL: real threads, each with its own connection."""

import threading

import pytest
from django.db import connection

from balai.cases.models import Case, IdempotencyKey
from balai.cases.services import case_act

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _run_together(count, work):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(work())
        except Exception as exc:  # collected and asserted on below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def test_ten_concurrent_submissions_with_one_key_make_one_case(submit_letter, make_resident):
    applicant = make_resident()
    results, errors = _run_together(
        10, lambda: submit_letter(applicant, idempotency_key="kiosk-7-flaky-network").pk
    )
    assert errors == []
    assert len(results) == 10 and len(set(results)) == 1
    assert Case.objects.count() == 1
    assert IdempotencyKey.objects.get().case_id == results[0]


def test_two_officers_acting_at_once_move_a_case_once(submit_letter, make_resident):
    case = submit_letter(make_resident())
    operator = case.submitted_by
    results, errors = _run_together(
        5, lambda: case_act(actor=operator, case=case, action="verify").state
    )
    assert results == ["awaiting_kades"]
    assert [e.code for e in errors] == ["action_not_available"] * 4
    assert case.actions.filter(action="verify").count() == 1
