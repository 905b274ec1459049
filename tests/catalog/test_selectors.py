"""What colleagues read from the catalog, and `balai catalog stats`."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from balai.catalog.loading import catalog_load
from balai.catalog.models import Service, ServicePoint
from balai.catalog.selectors import (
    agency_list,
    service_get,
    service_point_list,
    service_versions_for,
    services_for_point,
    services_published,
    village_letter_services,
    workflow_for,
)
from balai.catalog.services import service_revise

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(regions, small_catalog):
    catalog_load(actor=None, directory=small_catalog)


def codes(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


def test_published_services_exclude_drafts_and_retired(loaded):
    assert codes(services_published()) == {
        "akta-kelahiran",
        "pajak-kendaraan-tahunan",
        "sk-domisili",
        "sk-kelahiran",
        "sk-ahli-waris",
    }
    assert codes(village_letter_services()) == {"sk-domisili", "sk-kelahiran", "sk-ahli-waris"}


def test_services_for_point(loaded):
    mpp = ServicePoint.objects.get(code="mpp-banyuwangi")
    market = ServicePoint.objects.get(code="pasar-rogojampi")
    office = ServicePoint.objects.get(code="kantor-desa-35.10.05.2001")
    assert codes(services_for_point(mpp)) == {"akta-kelahiran", "pajak-kendaraan-tahunan"}
    assert codes(services_for_point(market)) == {"akta-kelahiran"}
    assert codes(services_for_point(office)) == {"sk-domisili", "sk-kelahiran", "sk-ahli-waris"}


def test_service_get_shows_drafts_only_to_staff_in_scope(loaded, make_staff, make_agency):
    assert service_get("akta-kelahiran").code == "akta-kelahiran"
    assert service_get("kia") is None
    in_scope = make_staff("petugas_instansi", agency=service_get("akta-kelahiran").agency)
    other = make_staff("petugas_instansi", agency=make_agency("bpn", name="BPN", short_name="BPN"))
    citizen_like = make_staff("petugas_loket", service_point=ServicePoint.objects.first())
    assert service_get("kia", viewer=in_scope).code == "kia"
    assert service_get("kia", viewer=other) is None
    assert service_get("kia", viewer=citizen_like) is None


def test_versions_for_staff_in_scope_only(loaded, make_staff):
    service = Service.objects.get(code="sk-domisili")
    admin = make_staff("admin_kabupaten", region="35.10")
    jember = make_staff("admin_kabupaten", region="35.09")
    service_revise(
        actor=admin, service=service, changes={"fee": {"amount": 0, "legal_basis": "Perdes"}}
    )
    assert list(
        service_versions_for(viewer=admin, service=service).values_list("number", flat=True)
    ) == [2, 1]
    assert not service_versions_for(viewer=jember, service=service).exists()


def test_workflow_for_is_the_version_the_case_was_filed_under(loaded):
    version = Service.objects.get(code="sk-ahli-waris").published_version
    workflow = workflow_for(version)
    assert workflow.code == "village_letter_camat"
    assert workflow.next_state("at_district", "approve") == "issued"


def test_lists(loaded):
    assert [a.code for a in agency_list()] == ["dispendukcapil", "dinsos", "samsat"]
    assert codes(service_point_list(kind="mpp")) == {"mpp-banyuwangi"}


def test_stats_command(loaded, capsys):
    call_command("catalog", "stats")
    stats = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    villages = ServicePoint.objects.filter(kind="village_office").count()
    assert stats == {
        "mpp_agencies": 2,
        # KIA is a draft; Dinsos is no MPP tenant.
        "mpp_services": 2,
        "published_services": 5,
        "village_letter_types": 3,
        "service_points": villages + 2,
        "village_offices": villages,
        "workflows": 6,
    }


def test_listing_a_point_takes_a_fixed_number_of_queries(loaded, django_assert_num_queries):
    office = ServicePoint.objects.get(code="kantor-desa-35.10.05.2001")
    # One query however many services: agency, published version and workflow come joined.
    with django_assert_num_queries(1):
        services = list(services_for_point(office))
        names = [
            (s.agency, s.published_version.fee_amount, s.published_version.workflow.code)
            for s in services
        ]
    assert len(names) == 3


def test_village_offices_are_named_for_desa_and_kelurahan(loaded, regions):
    kelurahan = regions.filter(level="village", code__startswith="35.10.", code__regex=r"\.1\d{3}$")
    sample = kelurahan.first()
    point = ServicePoint.objects.get(code=f"kantor-desa-{sample.code}")
    assert point.name == f"Kantor Kelurahan {sample.name}"
    assert ServicePoint.objects.get(code="kantor-desa-35.10.05.2001").name.startswith(
        "Kantor Desa "
    )
