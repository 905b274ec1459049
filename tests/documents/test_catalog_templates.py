"""Every village letter product in the shipped catalog gets a type, and each renders."""

from __future__ import annotations

import datetime as dt

import pypdfium2
from django.core.management import call_command

from balai.catalog.selectors import services_published, village_letter_services
from balai.documents.agency_products import PRODUCTS
from balai.documents.choices import PageSize, TemplateKind
from balai.documents.models import DocumentType
from balai.documents.rendering import letter_data, letter_render
from balai.documents.services import agency_profile_get, document_types_sync, office_profile_get


def test_every_village_letter_type_renders_for_a_demo_resident(regions, resident, village):
    call_command("load-catalog", verbosity=0)
    products = {s.published_version.product_document_type for s in village_letter_services()}
    assert len(products) >= 30
    document_types_sync()
    assert document_types_sync() == []  # a second sync creates nothing
    village_types = DocumentType.objects.filter(agency__isnull=True)
    assert set(village_types.values_list("code", flat=True)) == products
    profile = office_profile_get(office=village)
    for document_type in village_types:
        data = letter_data(
            document_type=document_type,
            resident=resident,
            office=village,
            profile=profile,
            number=f"400/001/{document_type.code}/2026",
            issued_on=dt.date(2026, 6, 4),
            seal_code="contoh.kode",
        )
        page = pypdfium2.PdfDocument(letter_render(data))[0]
        text = page.get_textpage().get_text_range()
        assert document_type.name.upper() in text, document_type.code
        assert resident.name in text and "4 Juni 2026" in text
        assert "{wilayah}" not in text


def test_folio_and_a4_page_sizes(letter_type, resident, village):
    profile = office_profile_get(office=village)
    sizes = {}
    for size in PageSize:
        letter_type.page_size = size
        data = letter_data(
            document_type=letter_type,
            resident=resident,
            office=village,
            profile=profile,
            number="1",
            issued_on=dt.date(2026, 1, 1),
            seal_code="x.y",
        )
        width, height = pypdfium2.PdfDocument(letter_render(data))[0].get_size()
        sizes[size] = (round(width / 72 * 25.4), round(height / 72 * 25.4))
    assert sizes == {PageSize.A4: (210, 297), PageSize.F4: (215, 330)}


def test_every_agency_product_balai_issues_renders_with_the_agency_letterhead(
    regions, resident, village
):
    call_command("load-catalog", verbosity=0)
    catalog = {
        (s.agency.code, s.published_version.product_document_type)
        for s in services_published().filter(agency__isnull=False)
    }
    # The table names only products the catalog has: a renamed product would fail here.
    assert set(PRODUCTS) <= catalog and len(PRODUCTS) >= 30
    document_types_sync()
    agency_types = DocumentType.objects.filter(agency__isnull=False).select_related("agency")
    assert {(t.agency.code, t.product_code) for t in agency_types} == set(PRODUCTS)
    # Only regency offices sign their own products; national systems' products are not here.
    assert {t.agency.kind for t in agency_types} == {"regency_office"}
    assert not agency_types.filter(product_code__in=["ktp-el", "kk", "nib", "pbg", "paspor"])
    kinds = set()
    for document_type in agency_types:
        agency = document_type.agency
        profile = agency_profile_get(agency=agency)
        data = letter_data(
            document_type=document_type,
            resident=resident,
            office=agency.region,
            profile=profile,
            number=f"500/001/{document_type.code}/2026",
            issued_on=dt.date(2026, 6, 4),
            seal_code="contoh.kode",
            form_data={"Lokasi": "Jl. Contoh 1"},
            agency=agency,
            reference="berdasarkan permohonan nomor ABCD-EFGH tanggal 1 Juni 2026, ",
        )
        kinds.add(data["template"])
        page = pypdfium2.PdfDocument(letter_render(data))[0]
        text = " ".join(page.get_textpage().get_text_range().split())
        assert document_type.name.upper() in text, document_type.code
        heading = agency.name.removesuffix(" Kabupaten Banyuwangi").upper()
        assert heading in text, document_type.code
        assert "PEMERINTAH KABUPATEN BANYUWANGI" in text
        assert resident.name in text and "Banyuwangi, 4 Juni 2026" in text
        assert "ABCD-EFGH" in text and "Jl. Contoh 1" in text
        assert "{wilayah}" not in text and "DESA SUMBERBERAS" not in text
    assert kinds == {"letter", "certificate"}
    assert agency_types.filter(template=TemplateKind.CERTIFICATE).count() >= 5
