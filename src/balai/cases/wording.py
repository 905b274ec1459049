"""A case in words: the answers under the labels of the service's own form, the history as
sentences, the roles by their Indonesian names. Codes stay in the database and the API;
pages show these."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from balai.accounts.roles import Role
from balai.cases.choices import REJECTION_REASONS, SUBMIT_ACTION
from balai.cases.flow import case_workflow
from balai.cases.models import Case
from balai.people.nik import mask_nik
from balai.workflow.choices import CITIZEN
from balai.workflow.engine import WorkflowError

ESCALATE_ACTION = "escalate"  # cases/escalation.py writes it; importing would close a loop
SYSTEM_ROLE = "system"


def role_name(code: str) -> str:
    if code == CITIZEN:
        return _("Pemohon")
    if code == SYSTEM_ROLE:
        return _("Sistem")
    try:
        return str(Role(code).label)
    except ValueError:
        return code


def _form_fields(case: Case) -> list[dict[str, Any]]:
    from balai.catalog.models import ServiceVersion

    version = (
        ServiceVersion.objects.filter(service_id=case.service_id, number=case.service_version)
        .only("form")
        .first()
    )
    form = version.form if version is not None else []
    return list(form.get("fields", []) if isinstance(form, dict) else form or [])


_NUMBER_16 = re.compile(r"^\d{16}$")


def _shown(field: dict[str, Any], value: Any) -> str:
    # UU 27/2022: a NIK (or a KK number typed in any field) on a page that is not the full
    # record is masked; the full record is the register's, with its own audited page.
    if field.get("type") == "resident_nik" or _NUMBER_16.match(str(value).strip()):
        return mask_nik(str(value).strip())
    for choice in field.get("choices") or []:
        if isinstance(choice, dict) and choice.get("value") == value:
            return str(choice.get("label", value))
    return str(value)


def case_form_rows(case: Case) -> list[tuple[str, str]]:
    """(label, answer) in the order of the service's form, under the standard's labels."""
    fields = {f["name"]: f for f in _form_fields(case)}
    rows = [
        (str(field.get("label") or name), _shown(field, case.form_data[name]))
        for name, field in fields.items()
        if case.form_data.get(name) not in (None, "")
    ]
    # An answer to a field a later version dropped still shows, as a readable name.
    rows += [
        (name.replace("_", " ").capitalize(), _shown({}, value))
        for name, value in case.form_data.items()
        if name not in fields
    ]
    return rows


@dataclass(frozen=True)
class HistoryLine:
    at: Any
    what: str
    who: str
    to_state: str
    comment: str
    reason: str


def _action_name(workflow: Any, code: str) -> str:
    if code == SUBMIT_ACTION:
        return _("Diajukan")
    if code == ESCALATE_ACTION:
        return _("Dieskalasi ke pimpinan karena melewati batas waktu")
    try:
        return workflow.action(code).name
    except WorkflowError:
        return code


def _state_name(workflow: Any, code: str) -> str:
    try:
        return workflow.state(code).name
    except WorkflowError:
        return code


def case_history(case: Case) -> list[HistoryLine]:
    """Each step as words: what was done, by which role and whom, where it led, and why."""
    workflow = case_workflow(case.workflow_definition)
    lines = []
    for row in case.actions.select_related("actor").all():
        who = role_name(row.role)
        if row.actor is not None:
            who = f"{who} · {row.actor}"
        comment = row.comment
        if row.action == ESCALATE_ACTION:
            supervisor = comment.removeprefix("supervisor:")
            comment = (
                _("Diteruskan kepada %(role)s.") % {"role": role_name(supervisor)}
                if supervisor
                else ""
            )
        lines.append(
            HistoryLine(
                at=row.at,
                what=_action_name(workflow, row.action),
                who=who,
                to_state=_state_name(workflow, row.to_state) if row.from_state else "",
                comment=comment,
                reason=str(REJECTION_REASONS.get(row.reason_code, row.reason_code)),
            )
        )
    return lines


def action_is_destructive(workflow: Any, action: Any) -> bool:
    """An action that ends the application without its product: a refusal or a cancellation."""
    return workflow.state(action.to).outcome in ("rejected", "cancelled")
