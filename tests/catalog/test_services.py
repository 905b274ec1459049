"""Versions and publishing: immutable once published, publishing an explicit audited act."""

from __future__ import annotations

import pytest

from balai.audit.models import AuditEvent
from balai.catalog.choices import ServiceStatus, VersionStatus
from balai.catalog.loading import catalog_load
from balai.catalog.models import Service
from balai.catalog.services import CatalogError, service_publish, service_retire, service_revise

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(regions, small_catalog):
    catalog_load(actor=None, directory=small_catalog)


def test_revise_makes_a_draft_and_leaves_the_published_version(loaded, make_staff):
    admin = make_staff("admin_kabupaten", region="35.10")
    service = Service.objects.get(code="akta-kelahiran")
    published = service.published_version
    draft = service_revise(actor=admin, service=service, changes={"fee": {"amount": 10000}})
    service.refresh_from_db()
    assert draft.number == 2 and draft.status == VersionStatus.DRAFT
    assert service.current_version == draft
    assert service.published_version == published
    assert published.fee_amount == 0 and draft.fee_amount == 10000
    # The rest of the standard is carried over unchanged.
    assert draft.requirements == published.requirements
    assert set(draft.service_points.all()) == set(published.service_points.all())
    event = AuditEvent.objects.get(action="catalog.service_version_created", actor=admin)
    assert event.after == {"service": "akta-kelahiran", "number": 2, "hash": draft.content_hash}
    assert event.region_code == "35.10"


def test_revise_without_change_makes_no_version(loaded, make_staff):
    admin = make_staff("admin_kabupaten", region="35.10")
    service = Service.objects.get(code="akta-kelahiran")
    same = service_revise(actor=admin, service=service, changes={"name": service.name})
    assert same == service.published_version
    assert service.versions.count() == 1


def test_publish_supersedes_and_is_audited(loaded, make_staff):
    admin = make_staff("admin_kabupaten", region="35.10")
    service = Service.objects.get(code="akta-kelahiran")
    old = service.published_version
    draft = service_revise(actor=admin, service=service, changes={"name": "Akta Lahir"})
    service_publish(actor=admin, service=service)
    service.refresh_from_db()
    old.refresh_from_db()
    draft.refresh_from_db()
    assert service.published_version == draft and service.name == "Akta Lahir"
    assert draft.status == VersionStatus.PUBLISHED and draft.published_by == admin
    assert draft.published_at is not None
    assert old.status == VersionStatus.SUPERSEDED
    event = AuditEvent.objects.filter(action="catalog.service_published", actor=admin).get()
    assert (event.before, event.after) == ({"version": 1}, {"version": 2})
    with pytest.raises(CatalogError, match="sudah diterbitkan"):
        service_publish(actor=admin, service=service)


def test_first_publish_of_a_draft_service(loaded, make_staff):
    admin = make_staff("admin_kabupaten", region="35.10")
    kia = Service.objects.get(code="kia")
    assert kia.status == ServiceStatus.DRAFT
    service_publish(actor=admin, service=kia)
    kia.refresh_from_db()
    assert kia.status == ServiceStatus.PUBLISHED and kia.published_version.number == 1


def test_retire_keeps_versions(loaded, make_staff):
    admin = make_staff("admin_kabupaten", region="35.10")
    service = Service.objects.get(code="pajak-kendaraan-tahunan")
    service_retire(actor=admin, service=service)
    service.refresh_from_db()
    assert service.status == ServiceStatus.RETIRED
    assert service.published_version.status == VersionStatus.PUBLISHED
    assert AuditEvent.objects.filter(action="catalog.service_retired", actor=admin).count() == 1
    # Retiring twice is one event.
    service_retire(actor=admin, service=service)
    assert AuditEvent.objects.filter(action="catalog.service_retired").count() == 1
