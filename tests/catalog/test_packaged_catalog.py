"""The catalog Balai ships (Banyuwangi) loads, has the regency's size, and reloads unchanged."""

from __future__ import annotations

import pytest

from balai.catalog.loading import DATA_DIR, catalog_load
from balai.catalog.models import ServiceVersion
from balai.catalog.stats import catalog_stats

pytestmark = pytest.mark.django_db


def test_packaged_catalog_loads_and_is_stable(regions):
    catalog_load(actor=None, directory=DATA_DIR)
    stats = catalog_stats()
    # Banyuwangi's MPP: 24 agencies offering 237 services; village letters at every office.
    assert stats["mpp_agencies"] == 24
    assert stats["mpp_services"] == 237
    assert stats["village_letter_types"] >= 30
    assert stats["workflows"] == 6  # incl. the two technical-review routes
    villages = regions.filter(level="village", code__startswith="35.10.").count()
    assert stats["village_offices"] == villages
    versions = ServiceVersion.objects.count()
    assert not catalog_load(actor=None, directory=DATA_DIR).changed
    assert ServiceVersion.objects.count() == versions
