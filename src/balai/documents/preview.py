"""Previews that write nothing: a letter type with sample data, for the admin editing its text
or layout; and the letter an application at the counter will print, before it is filed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from balai.documents.bodies import body_for
from balai.documents.models import DocumentType, OfficeProfile
from balai.documents.rendering import letter_data, letter_render, letter_render_png, office_kind
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


PREVIEW_NUMBER = "…/…/PRATINJAU/…"
PREVIEW_PPI = 60


def _office_profile(office: Region) -> OfficeProfile:
    found = OfficeProfile.objects.filter(region=office).first()
    if found is not None:
        return found
    title = "Lurah" if office_kind(office) == "Kelurahan" else "Kepala Desa"
    return OfficeProfile(region=office, unit_code=office.code, signer_title=title, address="")


def application_preview(
    *, version: Any, resident: Any, form_data: dict[str, Any], today: dt.date
) -> bytes | None:
    """The first page, as a PNG, of the village letter an application would be issued as,
    with a placeholder number and no seal: what the operator checks with the citizen before
    filing. None for a product that is not a village letter (an agency's own document)."""
    from balai.documents.case_products import form_rows

    if version.agency_id is not None or not version.product_document_type:
        return None
    code = version.product_document_type
    document_type = DocumentType.objects.filter(code=code).first() or DocumentType(
        code=code, name=version.product_name, body=body_for(code)
    )
    if not document_type.is_active:
        return None
    office = resident.village
    data = letter_data(
        document_type=document_type,
        resident=resident,
        office=office,
        profile=_office_profile(office),
        number=PREVIEW_NUMBER,
        issued_on=today,
        seal_code="PRATINJAU",
        form_data=form_rows(form_data, version, document_type),
    )
    return letter_render_png(data, ppi=PREVIEW_PPI)
