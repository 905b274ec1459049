"""The kiosk's programme screen: the signed-in citizen applies; the register fills the rest."""

from __future__ import annotations

from balai.programs.models import Application
from tests.kiosk.conftest import (  # noqa: F401 (fixtures)
    _storage,
    catalog,
    citizen,
    key_dir,
    kiosk,
    operator,
    point,
    registered,
    signed_in,
)


def test_citizen_applies_at_the_kiosk_and_hears_every_reason(
    signed_in,  # noqa: F811
    citizen,  # noqa: F811
    programmes,
    make_business,
):
    menu = signed_in.get("/anjungan/menu/").content.decode()
    assert "/program/anjungan/" in menu
    refused = signed_in.post("/program/anjungan/", {"program": "ongkir-umkm"}).content.decode()
    assert 'data-code="no_business"' in refused and not Application.objects.exists()
    make_business(citizen)
    page = signed_in.post("/program/anjungan/", {"program": "ongkir-umkm"}).content.decode()
    application = Application.objects.get()
    assert application.channel == "kiosk" and application.tracking_code in page
    assert citizen.nik not in page
