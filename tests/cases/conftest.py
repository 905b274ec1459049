"""Fixtures for cases: small workflow definitions and services filed under them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.fixtures import VILLAGE

# A village letter the camat must approve: operator checks, kepala desa approves, camat
# approves; return for correction and rejection along the way.
VILLAGE_LETTER_CAMAT = {
    "code": "village_letter_camat",
    "name": "Surat desa dengan persetujuan camat",
    "initial": "submitted",
    "states": [
        {"code": "submitted", "name": "Diajukan", "office": "applicant_village", "sla_share": 0.3},
        {
            "code": "awaiting_kades",
            "name": "Menunggu kepala desa",
            "office": "applicant_village",
            "sla_share": 0.3,
        },
        {
            "code": "awaiting_camat",
            "name": "Menunggu camat",
            "office": "applicant_district",
            "sla_share": 0.4,
        },
        {
            "code": "needs_correction",
            "name": "Perlu perbaikan",
            "office": "applicant_village",
            "sla_share": 0,
            "waits_on_citizen": True,
        },
        {
            "code": "issued",
            "name": "Terbit",
            "office": "none",
            "terminal": True,
            "outcome": "issued",
        },
        {
            "code": "rejected",
            "name": "Ditolak",
            "office": "none",
            "terminal": True,
            "outcome": "rejected",
        },
    ],
    "actions": [
        {
            "code": "verify",
            "name": "Periksa",
            "from": "submitted",
            "to": "awaiting_kades",
            "roles": ["operator_desa"],
        },
        {
            "code": "approve_village",
            "name": "Setujui",
            "from": "awaiting_kades",
            "to": "awaiting_camat",
            "roles": ["kepala_desa"],
        },
        {
            "code": "approve_district",
            "name": "Setujui camat",
            "from": "awaiting_camat",
            "to": "issued",
            "roles": ["camat"],
        },
        {
            "code": "return",
            "name": "Kembalikan",
            "from": ["submitted", "awaiting_kades"],
            "to": "needs_correction",
            "roles": ["operator_desa", "kepala_desa"],
            "comment_required": True,
        },
        {
            "code": "resubmit",
            "name": "Ajukan ulang",
            "from": "needs_correction",
            "to": "submitted",
            "roles": ["citizen"],
        },
        {
            "code": "reject",
            "name": "Tolak",
            "from": ["submitted", "awaiting_kades", "awaiting_camat"],
            "to": "rejected",
            "roles": ["operator_desa", "kepala_desa", "camat"],
            "comment_required": True,
        },
    ],
}

AGENCY_SERVICE = {
    "code": "agency_service",
    "name": "Layanan instansi",
    "initial": "submitted",
    "states": [
        {"code": "submitted", "name": "Diajukan", "office": "agency", "sla_share": 0.5},
        {"code": "processing", "name": "Diproses", "office": "agency", "sla_share": 0.5},
        {
            "code": "issued",
            "name": "Terbit",
            "office": "none",
            "terminal": True,
            "outcome": "issued",
        },
        {
            "code": "rejected",
            "name": "Ditolak",
            "office": "none",
            "terminal": True,
            "outcome": "rejected",
        },
    ],
    "actions": [
        {
            "code": "accept",
            "name": "Terima",
            "from": "submitted",
            "to": "processing",
            "roles": ["petugas_instansi"],
        },
        {
            "code": "finish",
            "name": "Selesaikan",
            "from": "processing",
            "to": "issued",
            "roles": ["petugas_instansi"],
        },
        {
            "code": "reject",
            "name": "Tolak",
            "from": ["submitted", "processing"],
            "to": "rejected",
            "roles": ["petugas_instansi"],
            "comment_required": True,
        },
    ],
}

LETTER_FORM = [
    {
        "name": "keperluan",
        "label": "Keperluan",
        "type": "text",
        "required": True,
        "max_length": 200,
    },
    {"name": "jumlah", "label": "Jumlah", "type": "number", "required": False, "min": 1, "max": 10},
    {"name": "tanggal", "label": "Tanggal", "type": "date", "required": False},
    {
        "name": "jenis",
        "label": "Jenis",
        "type": "choice",
        "required": False,
        "choices": ["baru", "perpanjangan"],
    },
]
LETTER_REQUIREMENTS = [
    {
        "code": "kk",
        "name": "Fotokopi Kartu Keluarga",
        "kind": "government_data",
        "satisfied_by": "register",
    },
    {
        "code": "ktp",
        "name": "Fotokopi KTP-el",
        "kind": "government_data",
        "satisfied_by": "register",
    },
    {
        "code": "pengantar_rt",
        "name": "Surat pengantar RT/RW",
        "kind": "document",
        "upload": True,
        "satisfied_by": None,
    },
]


@pytest.fixture
def letter_standard():
    from balai.cases.standard import ServiceStandard

    return ServiceStandard(
        version=1,
        workflow_code="village_letter_camat",
        workflow_version=1,
        workflow_definition=VILLAGE_LETTER_CAMAT,
        sla_amount=3,
        form_fields=LETTER_FORM,
        requirements=LETTER_REQUIREMENTS,
    )


@pytest.fixture
def agency_standard():
    from balai.cases.standard import ServiceStandard

    return ServiceStandard(
        version=2,
        workflow_code="agency_service",
        workflow_version=1,
        workflow_definition=AGENCY_SERVICE,
        sla_amount=5,
        form_fields=[],
        requirements=[],
    )


@pytest.fixture
def village_agency(make_agency):
    return make_agency(
        "pemdes-sumberberas",
        kind="village",
        name="Pemerintah Desa Sumberberas",
        short_name="Desa Sumberberas",
        region_id=VILLAGE,
        is_mpp_tenant=False,
    )


@pytest.fixture
def letter_service(village_agency):
    from balai.catalog.models import Service

    return Service.objects.create(
        code="sk-domisili",
        name="Surat Keterangan Domisili",
        agency=village_agency,
        status="published",
    )


@pytest.fixture
def agency_service(make_agency):
    from balai.catalog.models import Service

    agency = make_agency()
    return Service.objects.create(
        code="akta-kelahiran", name="Akta Kelahiran", agency=agency, status="published"
    )


@pytest.fixture
def operator(make_staff):
    return make_staff("operator_desa", region=VILLAGE)


@pytest.fixture
def submit_letter(operator, letter_service, letter_standard):
    from balai.cases.services import case_submit

    def submit(applicant, **overrides):
        args = dict(
            actor=operator,
            service=letter_service,
            applicant=applicant,
            channel="village_counter",
            form_data={"keperluan": "Melamar pekerjaan"},
            standard=letter_standard,
        )
        args.update(overrides)
        return case_submit(**args)

    return submit


SMALL_CATALOG = Path(__file__).resolve().parents[1] / "catalog" / "data" / "small"


@pytest.fixture
def catalog(regions, tmp_path):
    """The catalog app's small test catalog with the shipped workflow library, loaded."""
    from balai.catalog.loading import DATA_DIR, catalog_load

    target = tmp_path / "catalog"
    shutil.copytree(SMALL_CATALOG, target)
    shutil.copy(DATA_DIR / "workflows.yaml", target / "workflows.yaml")
    catalog_load(actor=None, directory=target)
