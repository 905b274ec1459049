"""Bulk issuance: consecutive numbers, every file signed and valid, one merged print file."""

from __future__ import annotations

import pypdfium2
import pytest
from django.core.files.storage import default_storage

from balai.accounts.roles import Role
from balai.documents.bulk import documents_issue_bulk
from balai.documents.errors import DocumentError
from balai.documents.models import Document
from balai.documents.verification import pdf_verify
from tests.fixtures import OTHER_DISTRICT_VILLAGE, VILLAGE


def test_bulk_issue_in_worker_processes(letter_type, make_resident, make_staff, village):
    residents = [make_resident(name=f"Warga Nomor {i}") for i in range(5)]
    operator = make_staff(Role.OPERATOR_DESA, region=VILLAGE)
    result = documents_issue_bulk(
        actor=operator,
        document_type=letter_type,
        residents=residents,
        office=village,
        form_data={"keperluan": "Bupati Ngantor di Desa"},
        workers=2,
    )
    assert [d.serial for d in result.documents] == [1, 2, 3, 4, 5]
    for document, resident in zip(result.documents, residents, strict=True):
        with document.file.open("rb") as f:
            verdict = pdf_verify(f.read())
        assert verdict["valid"] and verdict["number"] == document.number
        assert verdict["seal"]["payload"]["holder_name"] == resident.name
    with default_storage.open(result.merged_path, "rb") as f:
        merged = pypdfium2.PdfDocument(f.read())
    assert len(merged) == 5
    assert "Warga Nomor 3" in merged[3].get_textpage().get_text_range()


def test_one_refusal_issues_nothing(letter_type, make_resident, make_staff, village):
    inside = make_resident(name="Di Dalam")
    outside = make_resident(village=OTHER_DISTRICT_VILLAGE, name="Di Luar")
    operator = make_staff(Role.OPERATOR_DESA, region=VILLAGE)
    with pytest.raises(DocumentError):
        documents_issue_bulk(
            actor=operator,
            document_type=letter_type,
            residents=[inside, outside],
            office=outside.village,
            workers=1,
        )
    assert not Document.objects.exists()
