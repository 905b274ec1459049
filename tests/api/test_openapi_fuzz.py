"""schemathesis over the whole OpenAPI document: no input to any operation makes a server error.

Every operation of every router mounted in balai/api.py is called with generated input, as a
staff member holding several roles, over a database with a case, a billed case with a file,
a queue and a survey in it. The data is made once and every operation runs its examples in
turn, so the whole document is covered in one test.
"""

from __future__ import annotations

import itertools

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from balai.wsgi import application
from tests.fixtures import VILLAGE

# Examples per operation: enough to reach every parameter's edge cases, bounded so the whole
# document stays within about two minutes per database.
EXAMPLES = 12

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def in_process_requests():
    """Requests made straight through the WSGI app must not close the test's connection
    (Django's own test client unhooks the same signal handlers)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(
    in_process_requests,
    settings,
    gateway,
    make_staff,
    make_resident,
    submit_letter,
    submit_fee,
    fee_setup,
):
    from balai.accounts.models import StaffRole
    from balai.accounts.services import token_create
    from balai.cases.attachments import Upload
    from balai.feedback.services import survey_invite
    from tests.cases.files import pdf_bytes

    settings.FEEDBACK_INBOUND_SECRET = "fuzz-secret"
    letter = submit_letter(make_resident())
    survey_invite(actor=letter.submitted_by, case=letter, channel="sms")
    billed = submit_fee(attachments=[Upload("kuasa.pdf", pdf_bytes(), "kuasa")])
    user = make_staff("operator_desa", region=VILLAGE)
    # One person holding the village, the MPP counter and the agency roles reaches every
    # operation's deeper paths (actions, cash, waivers) instead of stopping at 403.
    for role, scope in (
        ("kepala_desa", {"region_id": VILLAGE}),
        ("petugas_loket", {"service_point": fee_setup.point}),
        ("petugas_instansi", {"agency": fee_setup.agency}),
    ):
        StaffRole.objects.create(user=user, role=role, **scope)
    token = token_create(actor=None, user=user, name="fuzz").key
    # Path parameters that name real rows, so the deeper code runs, not only the 404.
    real = {
        "case_id": [letter.pk, billed.pk],
        "attachment_id": [billed.attachments.get().pk],
        "reference": [billed.bill.reference],
        "code": [letter.tracking_code, "kuasa", "sertipikat"],
        "point": [fee_setup.point.code],
    }
    return {"Authorization": f"Bearer {token}"}, real


@pytest.mark.django_db
def test_no_operation_makes_a_server_error(bearer):
    headers, real = bearer
    calls = itertools.count()
    failures: dict[str, str] = {}
    statuses: dict[str, set[int]] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 30

    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case):
            n = next(calls)
            # Every other example points at real rows; the rest keep the generated values.
            if n % 2 and case.path_parameters:
                for name, values in real.items():
                    if name in case.path_parameters:
                        case.path_parameters[name] = values[n // 2 % len(values)]
            response = case.call_and_validate(headers=headers, checks=[not_a_server_error])
            statuses.setdefault(case.operation.label, set()).add(response.status_code)

        try:
            call()
        except Exception as exc:  # every operation runs; all failures are reported together
            failures[operation.label] = str(exc)[:2000]
    assert failures == {}
    # The token works and the data is there: operations got past authentication to answers.
    assert len(statuses) == len(operations)
    assert 200 in statuses["GET /api/v1/cases/inbox"]
    assert 200 in statuses["GET /api/v1/catalog/services"]


# Examples per operation with NUL and control characters forced into every string.
CONTROL_EXAMPLES = 3
CONTROL = "\x00\x01\x1f\x7f"


def _poison(value):
    if isinstance(value, str):
        return value + CONTROL
    if isinstance(value, dict):
        return {k: _poison(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v) for v in value]
    return value


@pytest.mark.django_db
def test_nul_and_control_characters_in_every_string_make_no_server_error(bearer):
    """Every string parameter (query, path, body) carries NUL and control characters: the
    answer is a 4xx, never a server error (PostgreSQL cannot store NUL)."""
    headers, _real = bearer
    failures: dict[str, str] = {}
    for operation in [result.ok() for result in schema.get_all_operations()]:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=CONTROL_EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case):
            for part in ("query", "path_parameters", "body"):
                value = getattr(case, part, None)
                if isinstance(value, dict | list | str):
                    setattr(case, part, _poison(value))
            response = case.call(headers=headers)
            assert response.status_code < 500, (case.operation.label, response.status_code)

        try:
            call()
        except Exception as exc:  # every operation runs; all failures are reported together
            failures[operation.label] = str(exc)[:2000]
    assert failures == {}
