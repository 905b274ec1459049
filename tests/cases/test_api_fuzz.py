"""schemathesis over the cases part of the OpenAPI document: no input makes a server error."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from balai.wsgi import application
from tests.fixtures import VILLAGE


@pytest.fixture
def in_process_requests():
    """Requests made straight through the WSGI app must not close the test's connection
    (Django's own test client unhooks the same signal handlers)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Loaded at collection: the cases operations of the OpenAPI document the app serves.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex=r"^/api/v1/cases"
)


@pytest.fixture
def bearer(in_process_requests, make_staff, submit_letter, make_resident):
    from balai.accounts.services import token_create

    submit_letter(make_resident())  # one real case for ids and codes to land on
    user = make_staff("operator_desa", region=VILLAGE)
    return {"Authorization": f"Bearer {token_create(actor=None, user=user, name='fuzz').key}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_input_makes_a_server_error(case, bearer):
    case.call_and_validate(headers=bearer, checks=[not_a_server_error])
