"""Types synced from the shipped catalog carry their archive classification code (no more
placeholder 400) and name the roles that sign them; `balai document types` lists both."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from balai.documents.models import DocumentType
from balai.documents.services import document_types_sync


@pytest.fixture
def synced(regions):
    call_command("load-catalog", verbosity=0)
    document_types_sync()


def test_types_command_lists_classification_and_signers(synced, capsys):
    capsys.readouterr()
    call_command("document", "types")
    rows = {row["code"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["sk-domisili"] == {
        "code": "sk-domisili",
        "name": "Surat Keterangan Domisili",
        "classification": "470",
        "signers": ["kepala_desa"],
    }
    assert rows["sk-kelahiran"]["classification"] == "474.1"
    assert rows["sku"]["classification"] == "503"
    assert rows["sk-riwayat-tanah"]["signers"] == ["camat"]
    village_letters = DocumentType.objects.filter(agency__isnull=True).exclude(template="nib")
    assert not village_letters.filter(classification_code="400").exists()


def test_new_letters_carry_their_legal_basis_and_abolished_ones_are_not_synced(
    synced, make_resident
):
    import pypdfium2

    from balai.documents.services import document_issue

    codes = set(DocumentType.objects.values_list("code", flat=True))
    assert {"sk-tidak-sengketa", "sporadik", "sk-ktp-el-proses"} <= codes
    assert not {"pengantar-pindah", "pengantar-ktp-kk", "sk-jual-beli-tanah"} & codes
    sporadik = DocumentType.objects.get(code="sporadik")
    assert sporadik.classification_code == "593" and "PP 24/1997" in sporadik.legal_basis
    assert all(
        DocumentType.objects.filter(agency__isnull=True, template="village_letter").values_list(
            "legal_basis", flat=True
        )
    )
    document = document_issue(actor=None, document_type=sporadik, resident=make_resident())
    with document.file.open("rb") as f:
        pdf = pypdfium2.PdfDocument(f.read())
    text = " ".join(pdf[0].get_textpage().get_text_range().split())
    assert "Dasar hukum: PP 24/1997 tentang Pendaftaran Tanah" in text
    assert document.number.startswith("593/001/")
