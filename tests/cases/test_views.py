"""Case pages: public tracking, receipt, inbox (filters, overdue, pages, bulk), one case."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from balai.audit.models import AuditEvent
from balai.cases.models import Case
from balai.cases.tracking import tracking_code_display
from tests.fixtures import OTHER_DISTRICT_VILLAGE, VILLAGE

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_tracking_page_shows_status_and_next_step_without_personal_data(
    submit_letter, make_resident
):
    resident = make_resident(name="Rahmawati Kusuma")
    case = submit_letter(resident)
    page = Client().get("/permohonan/lacak/", {"kode": tracking_code_display(case.tracking_code)})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Surat Keterangan Domisili" in text and "Diajukan" in text
    assert "Menunggu pemeriksaan oleh petugas kantor desa/kelurahan." in text
    assert "Kantor Desa/Kelurahan" in text
    for personal in ("Rahmawati", resident.nik, resident.nik[:4] + "*", "Jl. Raya"):
        assert personal not in text
    typo = case.tracking_code[:-1] + ("2" if case.tracking_code[-1] != "2" else "3")
    missing = Client().get("/permohonan/lacak/", {"kode": typo}).content.decode()
    assert "Kode tidak ditemukan" in missing and "Surat Keterangan" not in missing


def test_receipt_prints_on_a4_and_80mm_for_those_who_may_see_it(
    submit_letter, make_resident, operator, make_staff
):
    case = submit_letter(make_resident())
    client = _client(operator)
    a4 = client.get(f"/permohonan/{case.pk}/tanda-terima/").content.decode()
    assert tracking_code_display(case.tracking_code) in a4 and "receipt-a4.css" in a4
    assert case.applicant.nik not in a4 and case.applicant.nik[-4:] in a4
    slip = client.get(f"/permohonan/{case.pk}/tanda-terima/?kertas=80mm").content.decode()
    assert "receipt-80mm.css" in slip and "paper-80mm" in slip
    outsider = make_staff("operator_desa", region=OTHER_DISTRICT_VILLAGE)
    assert _client(outsider).get(f"/permohonan/{case.pk}/tanda-terima/").status_code == 404
    assert "style=" not in a4 and "<script" not in a4


def test_inbox_lists_marks_overdue_filters_and_pages(
    submit_letter, make_resident, operator, django_assert_max_num_queries
):
    cases = [submit_letter(make_resident()) for _ in range(27)]
    late = cases[0]
    Case.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    client = _client(operator)
    with django_assert_max_num_queries(12):
        first = client.get("/permohonan/kotak-masuk/")
    text = first.content.decode()
    assert first.status_code == 200
    assert "Halaman 1 dari 2" in text and text.count('name="cases"') == 25
    # Soonest due first: the overdue case leads, marked.
    first_row = text.index('name="cases"')
    assert text.index(tracking_code_display(late.tracking_code)) - first_row < 400
    assert 'class="overdue"' in text
    overdue = client.get("/permohonan/kotak-masuk/", {"overdue": "1"}).content.decode()
    assert overdue.count('name="cases"') == 1
    assert tracking_code_display(late.tracking_code) in overdue
    second = client.get("/permohonan/kotak-masuk/", {"halaman": 2}).content.decode()
    assert second.count('name="cases"') == 2
    none = client.get("/permohonan/kotak-masuk/", {"state": "awaiting_camat"}).content.decode()
    assert "Tidak ada permohonan" in none


def test_bulk_action_moves_each_selected_case_with_its_own_audit_event(
    submit_letter, make_resident, operator
):
    cases = [submit_letter(make_resident()) for _ in range(3)]
    client = _client(operator)
    response = client.post(
        "/permohonan/kotak-masuk/aksi/",
        {"action": "verify", "cases": [cases[0].pk, cases[1].pk]},
    )
    assert response.status_code == 302
    states = dict(Case.objects.values_list("pk", "state"))
    assert states == {
        cases[0].pk: "awaiting_kades",
        cases[1].pk: "awaiting_kades",
        cases[2].pk: "submitted",
    }
    assert AuditEvent.objects.filter(action="cases.verify").count() == 2


def test_one_case_page_offers_only_allowed_actions_and_takes_them(
    submit_letter, make_resident, operator, make_staff
):
    kades = make_staff("kepala_desa", region=VILLAGE)
    case = submit_letter(make_resident())
    page = _client(kades).get(f"/permohonan/{case.pk}/").content.decode()
    assert 'value="verify"' not in page and 'value="reject"' in page
    refused = _client(kades).post(f"/permohonan/{case.pk}/aksi/", {"action": "verify"})
    assert refused.status_code == 302
    assert Case.objects.get(pk=case.pk).state == "submitted"
    _client(operator).post(f"/permohonan/{case.pk}/aksi/", {"action": "verify"})
    _client(kades).post(f"/permohonan/{case.pk}/aksi/", {"action": "approve_village"})
    assert Case.objects.get(pk=case.pk).state == "awaiting_camat"
    outsider = make_staff("kepala_desa", region=OTHER_DISTRICT_VILLAGE)
    assert _client(outsider).get(f"/permohonan/{case.pk}/").status_code == 404
    assert (
        _client(outsider).post(f"/permohonan/{case.pk}/aksi/", {"action": "x"}).status_code == 404
    )


def test_pages_speak_english_from_the_app_catalogue():
    page = Client().get("/en/permohonan/lacak/", {"kode": "ABCD-EFGH"}).content.decode()
    assert "Track an application" in page and "Code not found" in page


@pytest.fixture
def domisili_case(catalog, operator, make_resident):
    """An SK Domisili filed at the counter under the shipped form (NIK and address fields)."""
    from balai.cases.services import case_submit
    from balai.catalog.models import Service, ServiceVersion
    from tests.cases.test_counter import DOMISILI_FORM

    ServiceVersion.objects.filter(service__code="sk-domisili").update(form=DOMISILI_FORM)
    resident = make_resident(name="Sri Wahyuni")
    return case_submit(
        actor=operator,
        service=Service.objects.get(code="sk-domisili"),
        applicant=resident,
        channel="village_counter",
        form_data={
            "nik_pemohon": resident.nik,
            "keperluan": "Melamar kerja",
            "alamat_domisili": "Jl. Raya Muncar 1",
        },
    )


def test_the_case_page_speaks_words_not_codes(domisili_case, operator, make_staff):
    operator.full_name = "Dewi Operator"
    operator.save()
    client = _client(operator)
    client.post(f"/permohonan/{domisili_case.pk}/aksi/", {"action": "verify"})
    page = client.get(f"/permohonan/{domisili_case.pk}/").content.decode()
    form = page.split('class="facts case-form"')[1].split("</dl>")[0]
    assert "Alamat tempat tinggal saat ini" in form and "Keperluan surat" in form
    assert "alamat_domisili" not in page and "nik_pemohon" not in page
    nik = domisili_case.applicant.nik
    assert nik not in page and f"{nik[:4]}********{nik[-4:]}" in form
    history = page.split('class="history"')[1].split("</ol>")[0]
    assert "Diajukan</strong> oleh Operator desa/kelurahan · Dewi Operator" in history
    assert "Periksa dan teruskan</strong> oleh Operator desa/kelurahan" in history
    assert "→ Menunggu tanda tangan kepala desa" in history
    assert "submit" not in history and "operator_desa" not in history
    # Tracking names whom the citizen waits for, and no code.
    track = Client().get("/permohonan/lacak/", {"kode": domisili_case.tracking_code})
    assert "Menunggu persetujuan Kepala Desa." in track.content.decode()


def test_destructive_actions_are_marked_and_ask_first(domisili_case, make_staff):
    kades = make_staff("kepala_desa", region=VILLAGE)
    page = _client(kades).get(f"/permohonan/{domisili_case.pk}/").content.decode()
    reject = page.split('value="reject"')[1].split(">")[0]
    assert "danger" in reject and "data-confirm=" in reject
    forward = page.split('value="return_for_correction"')[1].split(">")[0]
    assert "danger" not in forward


def test_a_flash_message_shows_once_on_the_page_it_was_meant_for(catalog, operator, make_resident):
    resident = make_resident()
    client = _client(operator)
    page = client.get(f"/permohonan/loket/?penduduk={resident.pk}&layanan=sk-domisili")
    key = page.content.decode().split('name="idempotency_key" value="')[1].split('"')[0]
    saved = client.post(
        "/permohonan/loket/ajukan/",
        {
            "penduduk": resident.pk,
            "layanan": "sk-domisili",
            "purpose": "Bank",
            "idempotency_key": key,
        },
        follow=True,
    )
    assert saved.content.decode().count("Permohonan tersimpan.") == 1  # on the receipt
    for later in ("/permohonan/kotak-masuk/", "/permohonan/loket/"):
        assert "Permohonan tersimpan." not in client.get(later).content.decode()
