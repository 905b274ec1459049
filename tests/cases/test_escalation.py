"""Overdue cases are raised once to the supervisor of the office holding them."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from balai.audit.models import AuditEvent
from balai.cases.models import Case
from balai.cases.services import case_act

pytestmark = pytest.mark.django_db


def test_overdue_cases_escalate_once_and_paused_ones_never(submit_letter, make_resident):
    late, paused, on_time = (submit_letter(make_resident()) for _ in range(3))
    operator = late.submitted_by
    case_act(actor=operator, case=paused, action="return", comment="Kurang pengantar RT")
    past = timezone.now() - dt.timedelta(days=1)
    Case.objects.filter(pk__in=[late.pk, paused.pk]).update(due_at=past)

    out = StringIO()
    call_command("cases-escalate", stdout=out)
    assert out.getvalue().strip() == "escalated 1"
    late.refresh_from_db()
    assert late.escalated_at is not None
    step = late.actions.last()
    assert (step.action, step.role, step.comment) == (
        "escalate",
        "system",
        "supervisor:kepala_desa",
    )
    event = AuditEvent.objects.get(action="cases.escalate")
    assert event.after["supervisor_role"] == "kepala_desa" and event.object_id == str(late.pk)
    assert Case.objects.get(pk=paused.pk).escalated_at is None
    assert Case.objects.get(pk=on_time.pk).escalated_at is None

    call_command("cases-escalate", stdout=StringIO())
    assert AuditEvent.objects.filter(action="cases.escalate").count() == 1
