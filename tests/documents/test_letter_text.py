"""The printed letter reads as the office writes it: the signer by name and NIP, the address
once down to the kabupaten, the Kewarganegaraan line, the closing of its kind, and a footer
naming the issuing office."""

from __future__ import annotations

import re

import pypdfium2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from balai.documents.issuers import office_profile_get
from balai.documents.models import DocumentType
from balai.documents.rendering import _street
from balai.documents.services import document_issue, office_profile_update


def _text(document) -> str:
    with document.file.open("rb") as f:
        pdf = pypdfium2.PdfDocument(f.read())
    return " ".join(pdf[0].get_textpage().get_text_range().split())


@pytest.fixture
def office(village):
    office_profile_get(office=village)
    return office_profile_update(
        actor=None,
        office=village,
        signer_name="Sugeng Riyadi",
        signer_nip="197001012000031005",
        address="Jl. Raya Sumberberas No. 1, Muncar 68472",
    )


@pytest.fixture
def holder(make_resident):
    # The address as the outside check found it: dusun and RT/RW typed into the free text too.
    return make_resident(
        name="Siti Aminah",
        sex="P",
        address="Dusun Pantai RT 011 RW 001",
        dusun="Pantai",
        rt="011",
        rw="001",
    )


def test_a_statement_names_signer_address_citizenship_closing_and_office(
    office, holder, letter_type
):
    text = _text(document_issue(actor=None, document_type=letter_type, resident=holder))
    assert "Sugeng Riyadi" in text and "NIP. 197001012000031005" in text
    assert "Jl. Raya Sumberberas No. 1, Muncar 68472" in text
    address = (
        "Dusun Pantai, RT 011/RW 001, Desa Sumberberas, Kecamatan Muncar, Kabupaten Banyuwangi"
    )
    assert address in text
    assert text.count("Pantai") == 1 and text.count("RT 011") == 1
    assert "Kewarganegaraan : Indonesia" in text
    assert "Demikian surat keterangan ini dibuat dengan sebenarnya" in text
    assert "Dokumen ini diterbitkan oleh Pemerintah Desa Sumberberas." in text
    assert "diterbitkan oleh Balai" not in text


def test_a_covering_letter_closes_as_a_covering_letter_and_no_nip_without_one(village, holder):
    office_profile_update(actor=None, office=village, signer_name="Sugeng Riyadi")
    kind = DocumentType.objects.create(
        code="pengantar-skck", name="Surat Pengantar SKCK", classification_code="331"
    )
    text = _text(document_issue(actor=None, document_type=kind, resident=holder))
    assert "memberikan pengantar kepada:" in text
    assert "Demikian surat pengantar ini" in text and "surat keterangan ini" not in text
    assert "Sugeng Riyadi" in text and "NIP" not in text


def test_a_recommendation_recommends(village, holder):
    kind = DocumentType.objects.create(
        code="rekomendasi-beasiswa", name="Rekomendasi Beasiswa", classification_code="420"
    )
    text = _text(document_issue(actor=None, document_type=kind, resident=holder))
    assert "memberikan rekomendasi kepada:" in text
    assert "Demikian rekomendasi ini diberikan" in text


@given(
    street=st.sampled_from(["", "Jl. Raya Muncar 1", "Gang Mawar 2"]),
    dusun=st.sampled_from(["Pantai", "Krajan", "Kebon Agung"]),
    rt=st.integers(min_value=1, max_value=40),
    rw=st.integers(min_value=1, max_value=15),
    dotted=st.booleans(),
)
def test_the_street_keeps_nothing_of_dusun_or_rt_rw(street, dusun, rt, rw, dotted):
    dot = "." if dotted else ""
    typed = ", ".join(p for p in (street, f"Dusun {dusun} RT{dot} {rt:03} RW{dot} {rw:03}") if p)
    rest = _street(typed)
    assert rest == street
    assert not re.search(r"\bR[TW]\b|Dusun", rest)
