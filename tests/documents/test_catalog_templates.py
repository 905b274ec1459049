"""Every village letter product in the shipped catalog gets a type, and each renders."""

from __future__ import annotations

import datetime as dt

import pypdfium2
from django.core.management import call_command

from balai.catalog.selectors import village_letter_services
from balai.documents.choices import PageSize
from balai.documents.models import DocumentType
from balai.documents.rendering import letter_data, letter_render
from balai.documents.services import document_types_sync, office_profile_get


def test_every_village_letter_type_renders_for_a_demo_resident(regions, resident, village):
    call_command("load-catalog", verbosity=0)
    products = {s.published_version.product_document_type for s in village_letter_services()}
    assert len(products) >= 30
    document_types_sync()
    assert document_types_sync() == []  # a second sync creates nothing
    assert set(DocumentType.objects.values_list("code", flat=True)) == products
    profile = office_profile_get(office=village)
    for document_type in DocumentType.objects.all():
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
