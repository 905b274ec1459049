"""What a case is filed under: the parts of a service's published standard intake needs.

The catalog owns the standard (UU 25/2009 art. 21: persyaratan, prosedur, jangka waktu, ...);
intake copies what it needs into the case so a later version never changes a filed case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from balai.cases.choices import SlaUnit
from balai.cases.errors import CaseError


@dataclass(frozen=True)
class ServiceStandard:
    version: int
    workflow_code: str
    workflow_version: int
    workflow_definition: dict[str, Any]
    sla_amount: int
    sla_unit: str = SlaUnit.WORKING_DAYS
    form_fields: list[dict[str, Any]] = field(default_factory=list)
    # Each {code, name, kind, upload, satisfied_by: None | "register" | "issued_document"}.
    requirements: list[dict[str, Any]] = field(default_factory=list)
    fee: int = 0
    # The regulation the fee is charged under (a Perda on retribution, a PP on PNBP).
    fee_legal_basis: str = ""
    # Who receives it (catalog.choices.FeeCollector): the regency, the state, a state company.
    fee_collector: str = "daerah"
    # Where it is offered, in the catalog's words; empty means everywhere.
    channels: list[str] = field(default_factory=list)
    version_obj: Any = None


def standard_for(service: Any) -> ServiceStandard:
    """The standard a new case of `service` is filed under: its published version."""
    version = getattr(service, "published_version", None)
    if version is None or service.status != "published":
        raise CaseError(
            409,
            "service_not_published",
            _("Layanan ini belum diterbitkan dan belum dapat diajukan."),
        )
    return standard_from_version(version)


def standard_from_version(version: Any) -> ServiceStandard:
    """Reads a catalog ServiceVersion: its SLA, fee, form, requirements and workflow."""
    workflow = version.workflow
    form = version.form or []
    return ServiceStandard(
        version=version.number,
        workflow_code=workflow.code,
        workflow_version=workflow.version,
        workflow_definition=workflow.definition,
        sla_amount=version.sla_value,
        sla_unit=version.sla_unit,
        form_fields=list(form.get("fields", []) if isinstance(form, dict) else form),
        requirements=list(version.requirements or []),
        fee=version.fee_amount,
        fee_legal_basis=version.fee_legal_basis,
        fee_collector=version.fee_collector,
        channels=list(version.channels or []),
        version_obj=version,
    )
