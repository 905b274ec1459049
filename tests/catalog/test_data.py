"""The shipped Banyuwangi catalog, loaded with the real loader into the test database.

The public figures it must reproduce: 24 agencies serving 237 services at the MPP, at least 30
village letter types at every village office, and the four kinds of service point Banyuwangi
runs (MPP, market desks, the fishermen's desk, village offices).
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from balai.catalog.choices import Provider, ServicePointKind, ServiceStatus
from balai.catalog.loading import DATA_DIR, catalog_load
from balai.catalog.models import Agency, Service, ServicePoint
from balai.catalog.selectors import services_for_point, services_published
from balai.regions.choices import Level
from balai.regions.models import Region

pytestmark = pytest.mark.django_db

BANYUWANGI = "35.10"


@pytest.fixture
def shipped_catalog(regions):
    return catalog_load(actor=None, directory=DATA_DIR)


def _stats() -> dict[str, int]:
    out = StringIO()
    call_command("catalog", "stats", stdout=out)
    return json.loads(out.getvalue())


def test_the_mpp_holds_24_agencies_and_237_services(shipped_catalog):
    stats = _stats()
    assert stats["mpp_agencies"] == 24
    assert stats["mpp_services"] == 237
    assert stats["village_letter_types"] >= 30

    mpp = ServicePoint.objects.get(code="mpp-banyuwangi")
    assert mpp.kind == ServicePointKind.MPP
    tenants = set(Agency.objects.filter(is_mpp_tenant=True).values_list("code", flat=True))
    assert set(mpp.agencies.values_list("code", flat=True)) == tenants
    at_mpp = services_for_point(mpp).filter(agency__is_mpp_tenant=True)
    assert at_mpp.count() == 237
    # Every tenant really serves at the mall, and the ones that serve only elsewhere do not
    # count: KSOP works only at the fishermen's desk.
    assert set(at_mpp.values_list("agency__code", flat=True)) == tenants
    assert not services_for_point(mpp).filter(agency__code="ksop-tanjungwangi").exists()


def test_the_four_kinds_of_service_point_are_there(shipped_catalog):
    kinds = set(ServicePoint.objects.values_list("kind", flat=True))
    assert {
        ServicePointKind.MPP,
        ServicePointKind.MARKET_DESK,
        ServicePointKind.SEGMENT_DESK,
        ServicePointKind.VILLAGE_OFFICE,
    } <= kinds
    markets = ServicePoint.objects.filter(kind=ServicePointKind.MARKET_DESK)
    assert set(markets.values_list("code", flat=True)) == {"pasar-genteng", "pasar-rogojampi"}
    for market in markets:
        offered = services_for_point(market)
        # A market desk offers a subset of the mall: only its own tenants' services.
        assert 0 < offered.count() < 237
        tenants = set(market.agencies.values_list("code", flat=True))
        assert set(offered.values_list("agency__code", flat=True)) <= tenants

    muncar = ServicePoint.objects.get(code="loket-nelayan-muncar")
    assert muncar.kind == ServicePointKind.SEGMENT_DESK
    offered = set(services_for_point(muncar).values_list("code", flat=True))
    assert {"dinas-perikanan-kusuka", "dinas-perikanan-rekomendasi-bbm"} <= offered
    assert {"ksop-tanjungwangi-pas-kecil", "bpjs-ketenagakerjaan-daftar-bpu"} <= offered


def test_every_village_letter_is_offered_at_every_village_office(shipped_catalog):
    villages = Region.objects.filter(level=Level.VILLAGE, code__startswith=BANYUWANGI + ".")
    offices = ServicePoint.objects.filter(kind=ServicePointKind.VILLAGE_OFFICE)
    # 189 desa and 28 kelurahan (Kepmendagri 300.2.2-2138/2025): one office each.
    assert offices.count() == villages.count() == 217
    letters = set(
        services_published().filter(provider=Provider.VILLAGE).values_list("code", flat=True)
    )
    assert len(letters) >= 30
    for office in offices:
        offered = services_for_point(office).filter(provider=Provider.VILLAGE)
        assert set(offered.values_list("code", flat=True)) == letters, office.code


def test_every_published_service_carries_its_whole_standard(shipped_catalog):
    services = services_published().prefetch_related("published_version__service_points")
    # Letters the rules abolished stay in the catalog as retired, pointing elsewhere.
    assert services.count() == Service.objects.exclude(status=ServiceStatus.RETIRED).count()
    for service in services:
        v = service.published_version
        assert v.requirements, service.code
        assert v.procedure, service.code
        assert v.sla_value >= 1 and v.sla_unit, service.code
        # The fee is a deliberate figure: free or not, it names its basis.
        assert v.fee_amount >= 0 and v.fee_legal_basis, service.code
        assert v.product_name and v.product_document_type, service.code
        assert v.complaints and len(v.management) == 8, service.code
        assert v.workflow_id is not None, service.code
        assert v.all_village_offices or v.service_points.exists(), service.code
