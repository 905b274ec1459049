"""schemathesis over the feedback part of the OpenAPI document: no input makes a server error."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from balai.wsgi import application
from tests.fixtures import VILLAGE


@pytest.fixture
def in_process_requests():
    """Requests made straight through the WSGI app must not close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex=r"^/api/v1/feedback"
)


@pytest.fixture
def bearer(in_process_requests, make_staff, operator, submit_letter, make_resident, respond):
    from balai.accounts.services import token_create
    from balai.feedback.services import survey_invite

    case = submit_letter(make_resident())
    survey_invite(actor=operator, case=case, channel="sms")
    user = make_staff("kepala_desa", region=VILLAGE)
    return {"Authorization": f"Bearer {token_create(actor=None, user=user, name='fuzz').key}"}


@pytest.mark.django_db
@override_settings(FEEDBACK_INBOUND_SECRET="fuzz-secret")
@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_input_makes_a_server_error(case, bearer):
    case.call_and_validate(headers=bearer, checks=[not_a_server_error])
