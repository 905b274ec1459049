"""Fixtures for payments: the fake gateway on loopback, configured as Balai's gateway."""

from __future__ import annotations

import pytest

from tests.payments.fake_gateway import CLIENT_ID, SECRET, FakeGateway


@pytest.fixture
def gateway(settings):
    with FakeGateway() as fake:
        settings.BALAI_PAYMENT_GATEWAY_URL = fake.url
        settings.BALAI_PAYMENT_GATEWAY_CLIENT_ID = CLIENT_ID
        settings.BALAI_PAYMENT_GATEWAY_SECRET = SECRET
        yield fake


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _media(media):
    return media


@pytest.fixture
def fee_setup(regions, make_agency, make_service_point, make_staff, make_resident):
    """An MPP agency service with a fee under the shipped agency workflow, its counter, its
    officer and an applicant."""
    from types import SimpleNamespace

    import yaml

    from balai.cases.standard import ServiceStandard
    from balai.catalog.loading import DATA_DIR
    from balai.catalog.models import Service

    flow = next(
        w
        for w in yaml.safe_load((DATA_DIR / "workflows.yaml").read_text())["workflows"]
        if w["code"] == "agency_service"
    )
    agency = make_agency("bpn", name="Kantor Pertanahan", short_name="BPN")
    point = make_service_point()
    point.agencies.add(agency)
    service = Service.objects.create(
        code="pengecekan-sertipikat",
        name="Pengecekan Sertipikat",
        agency=agency,
        status="published",
    )
    standard = ServiceStandard(
        version=1,
        workflow_code="agency_service",
        workflow_version=1,
        workflow_definition=flow,
        sla_amount=1,
        requirements=[
            {
                "code": "ktp",
                "name": "KTP-el",
                "kind": "government_data",
                "satisfied_by": "register",
            },
            {"code": "sertipikat", "name": "Sertipikat asli", "kind": "document", "upload": False},
            {"code": "kuasa", "name": "Surat kuasa", "kind": "document", "upload": True},
        ],
        fee=50000,
        fee_legal_basis="PP 128/2015 tentang Jenis dan Tarif PNBP pada Kementerian ATR/BPN",
        channels=["mpp"],
    )
    return SimpleNamespace(
        agency=agency,
        point=point,
        service=service,
        standard=standard,
        loket=make_staff("petugas_loket", service_point=point),
        officer=make_staff("petugas_instansi", agency=agency),
        # The head of the agency signs what the officer completes.
        head=make_staff("kepala_instansi", agency=agency),
        applicant=make_resident(),
    )


@pytest.fixture
def submit_fee(fee_setup):
    from balai.cases.services import case_submit

    def submit(**overrides):
        args = dict(
            actor=fee_setup.loket,
            service=fee_setup.service,
            applicant=fee_setup.applicant,
            channel="mpp_counter",
            service_point=fee_setup.point,
            form_data={},
            standard=fee_setup.standard,
        )
        args.update(overrides)
        return case_submit(**args)

    return submit


# The small test catalog with the shipped workflow library (cases' fixture, shared here).
from tests.cases.conftest import catalog  # noqa: E402, F401
