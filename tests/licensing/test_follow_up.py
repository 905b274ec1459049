"""Medium-high and high risk: after the NIB, the catalog's licensing case is filed, once."""

from __future__ import annotations

import pytest

from balai.licensing.choices import Certificate
from balai.licensing.services import (
    registration_check,
    registration_create,
    registration_follow_up,
    registration_submit,
)
from tests.fixtures import VILLAGE


@pytest.fixture
def shipped_catalog(regions):
    from balai.catalog.loading import DATA_DIR, catalog_load

    catalog_load(actor=None, directory=DATA_DIR)


def test_high_risk_files_the_permit_case_once(shipped_catalog, make_resident, make_staff, gateway):
    from balai.catalog.models import Agency

    agency = Agency.objects.get(code="dpmptsp")
    officer = make_staff("petugas_instansi", agency=agency)
    owner = make_resident()
    checked, errors = registration_check(
        data={
            "nik": owner.nik,
            "nama_usaha": "Homestay Pantai",
            "kbli": "55130",
            "alamat_usaha": "Jl. Pantai",
            "kode_desa": VILLAGE,
            "modal": "300000000",
            "tenaga_kerja": "3",
        },
        regency_code="35.10",
    )
    assert errors == []
    registration = registration_create(actor=officer, checked=checked, agency=agency)
    issued = registration_submit(actor=officer, registration=registration, gateway=gateway)
    assert issued.certificate == Certificate.PERMIT
    followed = registration_follow_up(actor=officer, registration=issued)
    assert followed.permit_case is not None, followed.last_error
    assert followed.permit_case.service.code == "dpmptsp-izin-risiko-tinggi"
    assert followed.permit_case.applicant_id == owner.pk
    again = registration_follow_up(actor=officer, registration=followed)
    assert again.permit_case_id == followed.permit_case_id
