"""Stored workflow definitions: validated before storing, versioned by content, audited."""

from __future__ import annotations

import copy

import pytest

from balai.audit.models import AuditEvent
from balai.workflow.engine import WorkflowError
from balai.workflow.models import WorkflowDefinition
from balai.workflow.selectors import workflow_definition_latest, workflow_definition_list
from balai.workflow.services import workflow_definition_store
from tests.workflow.test_engine import library

pytestmark = pytest.mark.django_db


def test_store_is_versioned_by_content(make_staff):
    admin = make_staff("admin_kabupaten", region="35.10")
    definition = library()["village_letter"]
    first, created = workflow_definition_store(actor=admin, definition=definition)
    assert created and first.version == 1
    again, created = workflow_definition_store(actor=admin, definition=copy.deepcopy(definition))
    assert not created and again == first
    changed = copy.deepcopy(definition)
    changed["states"][0]["name"] = "Masuk"
    second, created = workflow_definition_store(actor=admin, definition=changed)
    assert created and second.version == 2
    assert workflow_definition_latest(code="village_letter") == second
    assert [w.version for w in workflow_definition_list()] == [2]
    assert first.workflow.state("submitted").name == "Diajukan"
    events = AuditEvent.objects.filter(action="workflow.definition_stored", actor=admin)
    assert [e.after["version"] for e in events.order_by("seq")] == [1, 2]


def test_invalid_definition_is_not_stored(make_staff):
    admin = make_staff("admin_kabupaten", region="35.10")
    broken = copy.deepcopy(library()["agency_service"])
    broken["actions"] = [a for a in broken["actions"] if a["code"] != "complete"]
    with pytest.raises(WorkflowError, match=r"unreachable_state"):
        workflow_definition_store(actor=admin, definition=broken)
    assert not WorkflowDefinition.objects.exists()
    assert not AuditEvent.objects.filter(action="workflow.definition_stored").exists()
