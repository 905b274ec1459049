"""The counter page: find a resident by NIK in scope, prefilled form, submit, receipt."""

import datetime as dt

import pytest
from django.test import Client

from balai.cases.models import Case
from balai.people.models import Family
from tests.fixtures import OTHER_DISTRICT_VILLAGE, VILLAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def counter_client(catalog, operator):
    client = Client()
    client.force_login(operator)
    return client


def test_the_counter_prefills_from_the_register_and_files_for_a_family_member(
    counter_client, make_resident
):
    kk = Family.objects.create(
        regency_code="35.10", kk_number="3510050101200009", village_id=VILLAGE
    )
    head = make_resident(name="Slamet Riyadi", family=kk, relationship="kepala_keluarga")
    child = make_resident(
        name="Ani", family=kk, relationship="anak", sex="P", birth_date=dt.date(2012, 1, 5)
    )
    page = counter_client.post("/permohonan/loket/", {"nik": head.nik, "layanan": "sk-domisili"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Slamet Riyadi" in text and "3510050101200009" in text and "Ani" in text
    assert "tidak perlu dibawa" in text  # the KK comes from the register (once-only)
    # The full NIK appears only where the operator typed it and in the field carrying it on.
    assert text.count(head.nik) == 2 and f'name="nik" value="{head.nik}"' in text
    key = text.split('name="idempotency_key" value="')[1].split('"')[0]
    post = {
        "nik": head.nik,
        "layanan": "sk-domisili",
        "idempotency_key": key,
        "untuk": str(child.pk),
        "purpose": "Bank",
    }
    response = counter_client.post("/permohonan/loket/ajukan/", post)
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == f"/permohonan/{case.pk}/tanda-terima/"
    assert (case.applicant, case.beneficiary, case.channel) == (head, child, "village_counter")
    assert case.service_point.code == f"kantor-desa-{VILLAGE}"
    # A double click sends the same key: still one case.
    assert counter_client.post("/permohonan/loket/ajukan/", post).status_code == 302
    assert Case.objects.count() == 1


def test_the_counter_refuses_bad_input_and_residents_out_of_scope(counter_client, make_resident):
    resident = make_resident()
    bad = counter_client.post(
        "/permohonan/loket/ajukan/",
        {"nik": resident.nik, "layanan": "sk-domisili", "purpose": "Liburan"},
    )
    assert bad.status_code == 422 and "Pilihan tidak tersedia." in bad.content.decode()
    outsider = make_resident(village=OTHER_DISTRICT_VILLAGE)
    page = counter_client.post(
        "/permohonan/loket/", {"nik": outsider.nik, "layanan": "sk-domisili"}
    )
    assert "tidak ditemukan di wilayah Anda" in page.content.decode()
    assert outsider.name not in page.content.decode()
    refused = counter_client.post(
        "/permohonan/loket/ajukan/",
        {"nik": outsider.nik, "layanan": "sk-domisili", "purpose": "Bank"},
    )
    assert refused.status_code == 404
    assert not Case.objects.exists()
