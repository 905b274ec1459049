"""How the head of each kind of institution signs the maklumat, and whether a NIP line is
printed for them."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from balai.catalog.choices import AgencyKind
from balai.catalog.selectors import agency_head


@pytest.mark.parametrize(
    ("kind", "name", "title", "has_nip"),
    [
        (
            AgencyKind.VERTICAL,
            "Pengadilan Agama Banyuwangi",
            "Ketua Pengadilan Agama Banyuwangi",
            True,
        ),
        (AgencyKind.STATE_COMPANY, "PLN UP3 Banyuwangi", "Manager PLN UP3 Banyuwangi", False),
        (
            AgencyKind.BANK,
            "Bank Jatim Cabang Banyuwangi",
            "Pemimpin Bank Jatim Cabang Banyuwangi",
            False,
        ),
        (AgencyKind.REGENCY_OFFICE, "Dinas Sosial", "Kepala Dinas Sosial", True),
        (
            AgencyKind.SOCIAL_SECURITY,
            "BPJS Kesehatan Cabang Banyuwangi",
            "Kepala BPJS Kesehatan Cabang Banyuwangi",
            False,
        ),
    ],
)
def test_head_title_and_nip_by_kind(kind, name, title, has_nip):
    assert agency_head(SimpleNamespace(kind=kind, name=name)) == (title, has_nip)
