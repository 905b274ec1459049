"""Workflow definitions are readable in the admin by catalog managers, and never editable."""

from __future__ import annotations

import pytest

from balai.workflow.services import workflow_definition_store
from tests.fixtures import PASSWORD
from tests.workflow.test_engine import library

pytestmark = pytest.mark.django_db


def test_definitions_are_read_only_for_catalog_managers(make_staff, client):
    row, _ = workflow_definition_store(actor=None, definition=library()["licensing"])
    admin = make_staff("admin_kabupaten", region="35.10", is_staff=True)
    assert client.login(username=admin.username, password=PASSWORD)
    listing = client.get("/admin/workflow/workflowdefinition/")
    assert listing.status_code == 200 and b"licensing" in listing.content
    page = client.get(f"/admin/workflow/workflowdefinition/{row.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert (
        client.post(f"/admin/workflow/workflowdefinition/{row.pk}/change/", {}).status_code == 403
    )


def test_definitions_hidden_from_other_roles(make_staff, client):
    operator = make_staff("operator_desa", region="35.10.05.2001", is_staff=True)
    assert client.login(username=operator.username, password=PASSWORD)
    assert client.get("/admin/workflow/workflowdefinition/").status_code == 403
