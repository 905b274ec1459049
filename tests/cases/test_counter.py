"""The counter page: one search box (NIK, KK number or name), the resident chosen by id, the
register's answers prefilled, NIK fields never typed, the office's common services first, a
preview of the letter, submit, receipt."""

import base64
import datetime as dt

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from balai.audit.models import AuditEvent
from balai.cases.models import Case
from balai.catalog.models import ServiceVersion
from balai.people.models import Family
from tests.fixtures import OTHER_DISTRICT_VILLAGE, VILLAGE

pytestmark = pytest.mark.django_db

POINT = f"kantor-desa-{VILLAGE}"
DOMISILI_FORM = {
    "fields": [
        {"name": "nik_pemohon", "label": "NIK pemohon", "type": "resident_nik", "required": True},
        {"name": "keperluan", "label": "Keperluan surat", "type": "text", "required": True},
        {
            "name": "alamat_domisili",
            "label": "Alamat tempat tinggal saat ini",
            "type": "text",
            "required": True,
        },
    ]
}


@pytest.fixture
def counter_client(catalog, operator):
    client = Client()
    client.force_login(operator)
    return client


@pytest.fixture
def domisili_form(catalog):
    """SK Domisili's form as the shipped catalog has it: the applicant's NIK and address."""
    ServiceVersion.objects.filter(service__code="sk-domisili").update(form=DOMISILI_FORM)


def _search(client, query):
    return client.post("/permohonan/loket/", {"cari": query}).content.decode()


def test_one_box_finds_by_name_nik_or_kk_and_tells_namesakes_apart(counter_client, make_resident):
    kk = Family.objects.create(
        regency_code="35.10", kk_number="3510050101200009", village_id=VILLAGE
    )
    older = make_resident(name="Budi Santoso", family=kk, birth_date=dt.date(1960, 2, 1))
    younger = make_resident(name="Budi Santoso", birth_date=dt.date(1999, 9, 9))
    page = _search(counter_client, "budi sant")
    # Two people of one name: told apart by masked NIK and birth date, never the full NIK.
    assert page.count("Budi Santoso") == 2
    assert "1 Februari 1960" in page and "9 September 1999" in page
    assert older.nik not in page and younger.nik not in page
    assert older.nik[:4] + "********" + older.nik[-4:] in page and "Sumberberas" in page
    assert f"penduduk={older.pk}" in _search(counter_client, older.nik)
    by_kk = _search(counter_client, "3510 0501 0120 0009")
    assert f"penduduk={older.pk}" in by_kk and f"penduduk={younger.pk}" not in by_kk
    # A NIK prefix is not a search: it would only enumerate people.
    assert "penduduk=" not in _search(counter_client, older.nik[:10])
    # Lookups by number are recorded (UU 27/2022); the number itself is not written down.
    events = AuditEvent.objects.filter(action="cases.counter_lookup")
    assert events.count() == 2
    assert all(older.nik not in str(e.after) for e in events)


def test_a_resident_out_of_scope_is_neither_found_nor_chosen(counter_client, make_resident):
    outsider = make_resident(name="Orang Jauh", village=OTHER_DISTRICT_VILLAGE)
    for query in (outsider.nik, "Orang Jauh"):
        page = _search(counter_client, query)
        assert "penduduk=" not in page and "Tidak ada penduduk di wilayah Anda" in page
    page = counter_client.get(f"/permohonan/loket/?penduduk={outsider.pk}").content.decode()
    assert "tidak ditemukan di wilayah Anda" in page and "Orang Jauh" not in page
    refused = counter_client.post(
        "/permohonan/loket/ajukan/",
        {"penduduk": outsider.pk, "layanan": "sk-domisili", "purpose": "Bank"},
    )
    assert refused.status_code == 404
    assert not Case.objects.exists()


def test_the_office_s_most_used_services_come_first(counter_client, operator, make_resident):
    from balai.cases.services import case_submit
    from balai.catalog.models import Service, ServicePoint

    resident = make_resident()
    point = ServicePoint.objects.get(code=POINT)
    waris = Service.objects.get(code="sk-ahli-waris")
    for _ in range(2):
        case_submit(
            actor=operator,
            service=waris,
            applicant=resident,
            channel="village_counter",
            service_point=point,
            form_data={},
        )
    page = counter_client.get(f"/permohonan/loket/?penduduk={resident.pk}").content.decode()
    tiles = page.split('class="service-tiles"')[1].split("</div>")[0]
    assert "Surat Keterangan Ahli Waris" in tiles and "Surat Keterangan Domisili" not in tiles
    # Every other service is still there to search.
    assert 'data-service="sk-domisili"' in page.split('id="service-list"')[1]


def test_the_register_prefills_the_form_and_the_nik_is_never_typed(
    counter_client, domisili_form, make_resident
):
    kk = Family.objects.create(
        regency_code="35.10", kk_number="3510050101200009", village_id=VILLAGE
    )
    head = make_resident(name="Slamet Riyadi", family=kk, relationship="kepala_keluarga")
    child = make_resident(
        name="Ani", family=kk, relationship="anak", sex="P", birth_date=dt.date(2012, 1, 5)
    )
    page = counter_client.get(
        f"/permohonan/loket/?penduduk={head.pk}&layanan=sk-domisili"
    ).content.decode()
    assert "Slamet Riyadi" in page and "3510050101200009" in page and "Ani" in page
    assert "tidak perlu dibawa" in page  # the KK comes from the register (once-only)
    assert 'value="Jl. Raya Muncar 1, RT 001/RW 002, Krajan, Sumberberas"' in page
    assert 'name="nik_pemohon"' not in page and head.nik not in page
    assert 'src="data:image/png;base64,' in page  # the letter, before filing
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    post = {
        "penduduk": head.pk,
        "layanan": "sk-domisili",
        "idempotency_key": key,
        "untuk": str(child.pk),
        "keperluan": "Bank",
        "alamat_domisili": "Jl. Raya Muncar 1, Sumberberas",
    }
    # A NIK that is not the chosen resident's is refused, not filed.
    forged = counter_client.post("/permohonan/loket/ajukan/", {**post, "nik_pemohon": child.nik})
    assert forged.status_code == 422
    assert "tidak sama dengan penduduk yang dipilih" in forged.content.decode()
    assert not Case.objects.exists()
    response = counter_client.post("/permohonan/loket/ajukan/", post)
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == f"/permohonan/{case.pk}/tanda-terima/"
    assert (case.applicant, case.beneficiary, case.channel) == (head, child, "village_counter")
    assert case.form_data["nik_pemohon"] == head.nik
    assert case.service_point.code == POINT
    # A double click sends the same key: still one case.
    assert counter_client.post("/permohonan/loket/ajukan/", post).status_code == 302
    assert Case.objects.count() == 1


def test_bad_input_is_said_in_words_and_the_preview_follows_the_form(counter_client, make_resident):
    resident = make_resident()
    bad = counter_client.post(
        "/permohonan/loket/ajukan/",
        {"penduduk": resident.pk, "layanan": "sk-domisili", "purpose": "Liburan"},
    )
    assert bad.status_code == 422 and "Pilihan tidak tersedia." in bad.content.decode()
    preview = counter_client.post(
        "/permohonan/loket/pratinjau/",
        {"penduduk": resident.pk, "layanan": "sk-domisili", "purpose": "Bank"},
    )
    image = preview.json()["image"]
    assert image.startswith("data:image/png;base64,")
    assert base64.b64decode(image.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    assert not Case.objects.exists()


def test_buat_surat_on_the_resident_page_opens_the_counter_with_them_chosen(
    counter_client, make_resident
):
    resident = make_resident(name="Sri Wahyuni")
    page = counter_client.get(f"/penduduk/{resident.pk}/").content.decode()
    link = f"/permohonan/loket/?penduduk={resident.pk}"
    assert link in page and "Buat surat" in page
    chosen = counter_client.get(link).content.decode()
    assert '<dd class="prefill-name">Sri Wahyuni</dd>' in chosen


NIK_FIELDS = [
    {"name": "nik_pemohon", "label": "NIK pemohon", "type": "resident_nik", "required": True},
    {"name": "nik_ibu", "label": "NIK ibu", "type": "resident_nik"},
    {"name": "keperluan", "label": "Keperluan", "type": "text"},
]


@settings(max_examples=200, deadline=None)
@given(
    applicant_nik=st.from_regex(r"\d{16}", fullmatch=True),
    posted_applicant=st.one_of(st.just(""), st.text(max_size=20)),
    posted_mother=st.one_of(st.just(""), st.sampled_from(["7", "8", "9"]), st.text(max_size=20)),
)
def test_a_nik_field_never_holds_a_number_typed_at_the_counter(
    applicant_nik, posted_applicant, posted_mother
):
    """Whatever is posted, the applicant's NIK is the chosen resident's and another NIK field
    is a family member's: a differing value is an error, never an answer."""
    from balai.cases.counter import counter_nik_fields
    from balai.people.models import Resident

    applicant = Resident(pk=7, nik=applicant_nik)
    mother = Resident(pk=8, nik="3510054607600001")
    values, errors = counter_nik_fields(
        fields=NIK_FIELDS,
        posted={"nik_pemohon": posted_applicant, "nik_ibu": posted_mother},
        applicant=applicant,
        family=[applicant, mother],
    )
    assert values["nik_pemohon"] == applicant_nik
    typed = posted_applicant.strip()
    assert ("nik_pemohon" in errors) == (typed not in ("", applicant_nik, "7"))
    assert values.get("nik_ibu") in (None, applicant_nik, mother.nik)
    if posted_mother.strip() and posted_mother.strip() not in ("7", "8"):
        assert "nik_ibu" in errors and "nik_ibu" not in values
    assert set(values.values()) <= {applicant_nik, mother.nik}
