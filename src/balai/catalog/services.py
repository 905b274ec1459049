"""Changing the catalog: service versions, publishing, retiring. Each change is audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.audit.services import audit_record
from balai.catalog.choices import ServiceStatus, VersionStatus
from balai.catalog.models import Agency, Service, ServicePoint, ServiceVersion
from balai.catalog.standard import standard_from_version, standard_hash, standard_to_fields
from balai.workflow.models import WorkflowDefinition


class CatalogError(ValueError):
    """A catalog change that the rules refuse; the message is for the user."""


def _actor(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def service_version_create(
    *,
    actor: Any,
    service: Service,
    standard: dict[str, Any],
    agency: Agency | None,
    workflow: WorkflowDefinition,
    points: list[ServicePoint],
) -> ServiceVersion:
    """A new draft version of `service` holding `standard`; it becomes the current version."""
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=service.pk)
        number = service.version + 1 if service.current_version_id else 1
        version = ServiceVersion.objects.create(
            service=service,
            number=number,
            status=VersionStatus.DRAFT,
            agency=agency,
            workflow=workflow,
            content_hash=standard_hash(standard, workflow_version=workflow.version),
            created_by=_actor(actor),
            **standard_to_fields(standard),
        )
        version.service_points.set(points)
        service.version = number
        service.current_version = version
        service.save(update_fields=["version", "current_version"])
        audit_record(
            actor=actor,
            action="catalog.service_version_created",
            obj=version,
            region_code=service.region_id,
            after={"service": service.code, "number": number, "hash": version.content_hash},
        )
    return version


def service_publish(*, actor: Any, service: Service) -> ServiceVersion:
    """Publish the service's newest version; the one published before is superseded.

    Publishing is an explicit act: the standard the public sees (UU 25/2009 art. 21) changes
    only here.
    """
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=service.pk)
        version = service.current_version
        if version is None:
            raise CatalogError(_("Layanan ini belum memiliki versi untuk diterbitkan."))
        if version.status != VersionStatus.DRAFT:
            raise CatalogError(_("Versi terbaru layanan ini sudah diterbitkan."))
        before = service.published_version
        if before is not None:
            before.status = VersionStatus.SUPERSEDED
            before.save(update_fields=["status"])
        version.status = VersionStatus.PUBLISHED
        version.published_at = timezone.now()
        version.published_by = _actor(actor)
        version.save(update_fields=["status", "published_at", "published_by"])
        service.published_version = version
        service.status = ServiceStatus.PUBLISHED
        service.name = version.name
        service.save(update_fields=["published_version", "status", "name"])
        audit_record(
            actor=actor,
            action="catalog.service_published",
            obj=service,
            region_code=service.region_id,
            before={"version": before.number if before else None},
            after={"version": version.number},
        )
    return version


def service_retire(*, actor: Any, service: Service) -> Service:
    """Withdraw the service from the public catalog; its versions stay for the cases filed."""
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=service.pk)
        if service.status == ServiceStatus.RETIRED:
            return service
        before = service.status
        service.status = ServiceStatus.RETIRED
        service.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="catalog.service_retired",
            obj=service,
            region_code=service.region_id,
            before={"status": before},
            after={"status": service.status},
        )
    return service


def service_revise(*, actor: Any, service: Service, changes: dict[str, Any]) -> ServiceVersion:
    """A staff edit: a new draft version from the current one with `changes` applied.

    The published version is untouched until someone publishes the draft.
    """
    current = service.current_version
    if current is None:
        raise CatalogError(_("Layanan ini belum memiliki versi."))
    standard = standard_from_version(current, code=service.code)
    standard.update(changes)
    workflow = current.workflow
    if standard_hash(standard, workflow_version=workflow.version) == current.content_hash:
        return current
    return service_version_create(
        actor=actor,
        service=service,
        standard=standard,
        agency=current.agency,
        workflow=workflow,
        points=list(current.service_points.all()),
    )


def service_apply_standard(
    *,
    actor: Any,
    standard: dict[str, Any],
    agency: Agency | None,
    region_code: str,
    workflow: WorkflowDefinition,
    points: list[ServicePoint],
) -> tuple[Service, bool]:
    """Bring a service to what a catalog file says; (service, changed). Same content: no-op."""
    with transaction.atomic():
        service, created = Service.objects.get_or_create(
            code=standard["code"],
            defaults={
                "name": standard["name"],
                "provider": standard["provider"],
                "agency": agency,
                "region_id": region_code,
            },
        )
        changed = created
        digest = standard_hash(standard, workflow_version=workflow.version)
        current = service.current_version
        if current is None or current.content_hash != digest:
            fields = {"provider": standard["provider"], "agency": agency, "region_id": region_code}
            for name, value in fields.items():
                setattr(service, name, value)
            service.save(update_fields=[*fields])
            current = service_version_create(
                actor=actor,
                service=service,
                standard=standard,
                agency=agency,
                workflow=workflow,
                points=points,
            )
            service.refresh_from_db()
            changed = True
        wanted = standard["status"]
        if wanted == ServiceStatus.PUBLISHED and current.status == VersionStatus.DRAFT:
            service_publish(actor=actor, service=service)
            changed = True
        elif wanted == ServiceStatus.RETIRED and service.status != ServiceStatus.RETIRED:
            service_retire(actor=actor, service=service)
            changed = True
        elif wanted == ServiceStatus.PUBLISHED and service.status == ServiceStatus.RETIRED:
            # A retired service brought back with unchanged content.
            service.status = ServiceStatus.PUBLISHED
            service.save(update_fields=["status"])
            audit_record(
                actor=actor,
                action="catalog.service_restored",
                obj=service,
                region_code=service.region_id,
                after={"status": service.status},
            )
            changed = True
    return service, changed
