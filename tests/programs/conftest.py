"""Programme fixtures: the two shipped programmes, their owner, and applicants who qualify."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.fixtures import VILLAGE


@pytest.fixture
def owner_agency(make_agency):
    return make_agency(
        code="diskopumdag",
        name="Dinas Koperasi, Usaha Mikro dan Perdagangan",
        short_name="Diskop UMP",
    )


@pytest.fixture
def programmes(owner_agency):
    from balai.programs.services import programme_load

    return {p.code: p for p in programme_load(actor=None)}


@pytest.fixture
def make_business():
    from balai.licensing.models import BusinessRegistration

    def make(owner, *, scale="mikro", nib=True, kbli=("47111",)):
        return BusinessRegistration.objects.create(
            regency_code=owner.regency_code,
            owner=owner,
            owner_name=owner.name,
            business_name=f"Usaha {owner.name}",
            village_id=owner.village_id,
            address="Jl. Pasar 1",
            kbli_edition="2020",
            kbli_codes=list(kbli),
            capital=50_000_000,
            workers=2,
            scale=scale,
            risk_level="rendah",
            status="issued" if nib else "ready",
            nib=f"{owner.pk:013d}" if nib else None,
        )

    return make


@pytest.fixture
def make_sku():
    from balai.documents.models import Document, DocumentType

    def make(holder):
        kind, _ = DocumentType.objects.get_or_create(
            code="sku", defaults={"name": "Surat Keterangan Usaha", "template": "letter"}
        )
        serial = Document.objects.count() + 1
        return Document.objects.create(
            regency_code=holder.regency_code,
            office_id=holder.village_id,
            document_type=kind,
            year=2026,
            serial=serial,
            number=f"500/{serial}/429.517.01/2026",
            holder=holder,
            holder_name=holder.name,
            holder_nik_masked=holder.nik[:4] + "********" + holder.nik[-4:],
            issued_at=timezone.now(),
        )

    return make


@pytest.fixture
def shop_owner(make_resident, make_sku):
    """A warung owner of 45 with a village SKU letter: qualifies for bantuan-warung."""
    resident = make_resident(name="Siti Aminah", birth_date=dt.date(1981, 3, 2), sex="P")
    make_sku(resident)
    return resident


@pytest.fixture
def micro_owner(make_resident, make_business):
    """A micro business with a NIB: qualifies for ongkir-umkm."""
    resident = make_resident(name="Agus Salim", occupation="Pedagang")
    make_business(resident)
    return resident


@pytest.fixture
def village_operator(make_staff):
    return make_staff("operator_desa", region=VILLAGE)


@pytest.fixture
def owner_officer(make_staff, owner_agency):
    return make_staff("petugas_instansi", agency=owner_agency)


@pytest.fixture
def approved_ongkir(programmes, micro_owner, village_operator, owner_officer):
    """An approved free-shipping application, with its vouchers."""
    from balai.programs.decisions import application_approve, application_verify
    from balai.programs.services import application_submit

    app = application_submit(
        actor=village_operator,
        programme=programmes["ongkir-umkm"],
        resident=micro_owner,
        channel="counter",
    ).application
    application_verify(
        actor=village_operator, application=app, latitude=-8.44, longitude=114.33, checklist={}
    )
    return application_approve(actor=owner_officer, application=app)


@pytest.fixture
def partner():
    from balai.programs.vouchers import partner_create

    return partner_create(actor=None, code="kurir-a", name="Kurir A")
