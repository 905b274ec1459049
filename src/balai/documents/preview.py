"""A preview of a letter type with sample data, for the admin editing its text or layout."""

from __future__ import annotations

import datetime as dt

from balai.documents.models import DocumentType, OfficeProfile
from balai.documents.rendering import letter_data, letter_render
from balai.people.models import Resident
from balai.regions.models import Level, Region

SAMPLE_OFFICE = "35.10.05.2001"


def letter_preview(*, document_type: DocumentType, office: Region | None = None) -> bytes:
    """Renders `document_type` as given (saved or not) for a sample resident; writes nothing."""
    office = (
        office
        or Region.objects.filter(code=SAMPLE_OFFICE).first()
        or Region.objects.filter(level=Level.VILLAGE).order_by("code").first()
    )
    if office is None:
        raise LookupError("no village in the region table to preview with")
    profile = getattr(office, "document_office", None) or OfficeProfile(
        region=office, unit_code=office.code, signer_title="Kepala Desa", address=office.name
    )
    sample = Resident(
        regency_code=office.code[:5],
        nik="3510050406850001",
        name="Contoh Nama Warga",
        birth_place="Banyuwangi",
        birth_date=dt.date(1985, 6, 4),
        sex="L",
        religion="islam",
        marital_status="kawin_tercatat",
        education="sma",
        occupation="Nelayan",
        village=office,
        dusun="Krajan",
        rt="001",
        rw="002",
        address="Jl. Contoh 1",
    )
    data = letter_data(
        document_type=document_type,
        resident=sample,
        office=office,
        profile=profile,
        number="400/001/PRATINJAU/2026",
        issued_on=dt.date(2026, 6, 4),
        seal_code="PRATINJAU",
        form_data={"keperluan": "Contoh keperluan"},
    )
    return letter_render(data)
