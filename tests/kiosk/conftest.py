"""Kiosk fixtures: the small catalog (whose village offices offer the kiosk channel), a
registered device at Sumberberas' village office, and a citizen with a PIN."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.fixtures import VILLAGE

PIN = "258369"
POINT = f"kantor-desa-{VILLAGE}"


@pytest.fixture(scope="session")
def key_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("kiosk-keys")


@pytest.fixture(autouse=True)
def _storage(settings, key_dir, tmp_path):
    settings.DOCUMENTS_KEY_DIR = key_dir
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PUBLIC_BASE_URL = "https://balai.example.id"


@pytest.fixture
def catalog(regions, tmp_path):
    """The small test catalog of the catalog app, with the shipped workflows, loaded."""
    import shutil

    from balai.catalog.loading import DATA_DIR, catalog_load
    from tests.cases.conftest import SMALL_CATALOG

    target = tmp_path / "catalog"
    shutil.copytree(SMALL_CATALOG, target)
    shutil.copy(DATA_DIR / "workflows.yaml", target / "workflows.yaml")
    catalog_load(actor=None, directory=target)


@pytest.fixture
def point(catalog):
    from balai.catalog.models import ServicePoint

    return ServicePoint.objects.get(code=POINT)


@pytest.fixture
def operator(make_staff):
    return make_staff("operator_desa", region=VILLAGE)


@pytest.fixture
def citizen(make_resident, operator):
    from balai.citizens.services import pin_set

    person = make_resident(name="Siti Aminah", sex="P")
    pin_set(actor=operator, resident=person, pin=PIN)
    return person


@pytest.fixture
def registered(point):
    """(device, token) for a kiosk at the village office."""
    from balai.kiosk.services import device_register

    return device_register(actor=None, service_point=point, name="Anjungan 1")


@pytest.fixture
def device(registered):
    return registered[0]


@pytest.fixture
def kiosk(registered):
    """A browser that holds the device's token cookie."""
    from balai.kiosk.tokens import COOKIE_NAME

    client = Client()
    client.cookies[COOKIE_NAME] = registered[1]
    return client


@pytest.fixture
def signed_in(kiosk, citizen):
    response = kiosk.post("/anjungan/masuk/", {"nik": citizen.nik, "pin": PIN})
    assert response.status_code == 302 and response["Location"].endswith("/anjungan/menu/")
    return kiosk
