"""The kiosk's pages over HTTP: refused browsers, revoked devices, no-store, NIK only posted,
one case per idempotency key, the server's own idle check, and the admin pages."""

import re

import pytest
from django.test import Client

from balai.audit.models import AuditEvent
from balai.cases.models import Case
from balai.kiosk.models import KioskDevice, KioskPrintJob
from balai.kiosk.session import KEY
from balai.kiosk.tokens import COOKIE_NAME
from tests.kiosk.conftest import PIN

pytestmark = pytest.mark.django_db

KIOSK_PAGES = ["/anjungan/", "/anjungan/masuk/", "/anjungan/masuk/kode/"]
CITIZEN_PAGES = [
    "/anjungan/menu/",
    "/anjungan/layanan/",
    "/anjungan/permohonan/",
    "/anjungan/dokumen/",
    "/anjungan/nilai/",
]


def _no_store(response):
    return "no-store" in response["Cache-Control"]


def test_an_unregistered_browser_is_refused_with_a_clear_page(point):
    browser = Client()
    browser.cookies[COOKIE_NAME] = "not-a-token"
    for url in KIOSK_PAGES + CITIZEN_PAGES:
        for client in (Client(), browser):
            response = client.get(url)
            assert response.status_code == 403, url
            assert "belum terdaftar sebagai anjungan" in response.content.decode()
            assert _no_store(response)


def test_every_kiosk_page_is_no_store(signed_in):
    for url in KIOSK_PAGES + CITIZEN_PAGES:
        response = signed_in.get(url)
        assert response.status_code in (200, 302), url
        assert _no_store(response) and response["Pragma"] == "no-cache", url


def test_a_revoked_device_stops_at_the_next_touch_and_forgets_its_citizen(
    signed_in, device, citizen
):
    assert citizen.name in signed_in.get("/anjungan/menu/").content.decode()
    KioskDevice.objects.filter(pk=device.pk).update(
        revoke_reason="x", revoked_at="2026-01-01T00:00Z"
    )
    response = signed_in.get("/anjungan/menu/")
    assert response.status_code == 403 and citizen.name not in response.content.decode()
    assert KEY not in signed_in.session and "balai_citizen" not in signed_in.session


def test_the_nik_is_only_ever_posted(kiosk, citizen):
    response = kiosk.post("/anjungan/masuk/", {"nik": citizen.nik, "pin": "147036"})
    assert response.status_code == 401
    assert "NIK atau PIN salah" in response.content.decode()
    # After a wrong PIN the NIK is not left typed on the public screen.
    assert citizen.nik not in response.content.decode()
    response = kiosk.post("/anjungan/masuk/", {"nik": citizen.nik, "pin": PIN}, follow=True)
    for url, _status in response.redirect_chain:
        assert citizen.nik not in url
    assert response.request["PATH_INFO"] == "/anjungan/menu/"
    assert kiosk.get(f"/anjungan/masuk/?nik={citizen.nik}").status_code == 200
    assert "balai_citizen" in kiosk.session


def test_a_device_wait_is_shown_as_what_to_do_next(kiosk, citizen, settings):
    settings.KIOSK_DEVICE_FAILURES_BEFORE_WAIT = 2
    for _ in range(2):
        kiosk.post("/anjungan/masuk/", {"nik": citizen.nik, "pin": "147036"})
    response = kiosk.post("/anjungan/masuk/", {"nik": citizen.nik, "pin": PIN})
    assert response.status_code == 429
    assert "Tunggu" in response.content.decode() and "balai_citizen" not in kiosk.session


def test_apply_files_one_case_even_when_the_form_is_sent_twice(signed_in, citizen, point):
    page = signed_in.get("/anjungan/layanan/sk-domisili/").content.decode()
    assert "Siti Aminah" in page and citizen.nik not in page
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    data = {"idempotency_key": key, "purpose": "Bank"}
    first = signed_in.post("/anjungan/layanan/sk-domisili/", data)
    second = signed_in.post("/anjungan/layanan/sk-domisili/", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    case = Case.objects.get()
    assert (case.channel, case.service_point, case.applicant) == ("kiosk", point, citizen)
    assert case.form_data["purpose"] == "Bank"


def test_apply_says_what_is_missing(signed_in):
    response = signed_in.post("/anjungan/layanan/sk-domisili/", {"idempotency_key": "k1"})
    assert response.status_code == 422 and Case.objects.count() == 0
    assert 'class="field-error"' in response.content.decode()


def test_print_a_receipt_logs_the_job_and_prints_once(signed_in, citizen):
    signed_in.post("/anjungan/layanan/sk-domisili/", {"idempotency_key": "k2", "purpose": "Bank"})
    case = Case.objects.get()
    response = signed_in.post(f"/anjungan/permohonan/{case.pk}/cetak/")
    assert response["Location"].endswith(f"/anjungan/permohonan/{case.pk}/tanda-terima/")
    page = signed_in.get(response["Location"]).content.decode()
    assert 'data-autoprint="1"' in page and "print-80mm.css" in page and "data:image/svg" in page
    again = signed_in.get(response["Location"]).content.decode()
    assert "data-autoprint" not in again.split("<body")[1].split(">")[0]
    job = KioskPrintJob.objects.get()
    assert (job.kind, job.paper, job.case) == ("receipt", "80mm", case)


def test_someone_elses_case_is_not_found(signed_in, make_resident, point):
    from balai.cases.services import case_submit
    from balai.catalog.models import Service

    other = make_resident(name="Orang Lain")
    case = case_submit(
        actor=other,
        service=Service.objects.get(code="sk-domisili"),
        applicant=other,
        channel="kiosk",
        service_point=point,
        form_data={"purpose": "Bank"},
    )
    assert signed_in.get(f"/anjungan/permohonan/{case.pk}/").status_code == 404
    assert signed_in.post(f"/anjungan/permohonan/{case.pk}/cetak/").status_code == 404
    assert KioskPrintJob.objects.count() == 0


def test_the_server_signs_out_an_idle_turn_by_itself(signed_in, citizen, device):
    session = signed_in.session
    session[KEY] = {"device": device.pk, "seen": session[KEY]["seen"] - device.idle_seconds - 6}
    session.save()
    response = signed_in.get("/anjungan/menu/")
    assert response.status_code == 302 and response["Location"].endswith("/anjungan/")
    assert "balai_citizen" not in signed_in.session
    assert AuditEvent.objects.get(action="kiosk.sign_out").after == {"reason": "idle"}
    assert signed_in.post("/anjungan/hidup/").status_code == 401


def test_selesai_flushes_the_session_and_resets_the_language(signed_in, settings):
    assert signed_in.post("/anjungan/hidup/").status_code == 204
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = signed_in.post("/anjungan/selesai/")
    assert response["Location"] == "/anjungan/?selesai=1"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == ""
    assert "balai_citizen" not in signed_in.session
    assert signed_in.get("/anjungan/menu/").status_code == 302


def test_a_session_from_another_kiosk_is_not_carried_over(signed_in, point):
    from balai.kiosk.services import device_register

    _other, token = device_register(actor=None, service_point=point, name="B")
    signed_in.cookies[COOKIE_NAME] = token
    assert signed_in.get("/anjungan/menu/").status_code == 302
    assert "balai_citizen" not in signed_in.session


def test_queue_ticket_at_a_point_that_runs_a_queue(signed_in, point):
    from balai.queueing.models import QueuePrefix, Ticket

    assert signed_in.get("/anjungan/antrian/").status_code == 404
    prefix = QueuePrefix.objects.create(service_point=point, letter="A", name="Surat desa")
    data = {"kategori": prefix.pk, "idempotency_key": "t1"}
    assert signed_in.post("/anjungan/antrian/", data)["Location"].endswith(
        "/anjungan/antrian/tiket/"
    )
    signed_in.post("/anjungan/antrian/", data)
    ticket = Ticket.objects.get()
    assert ticket.source == "kiosk"
    page = signed_in.get("/anjungan/antrian/tiket/").content.decode()
    assert ticket.code in page and 'data-autoprint="1"' in page
    assert list(KioskPrintJob.objects.values_list("kind", "ticket_code")) == [
        ("ticket", ticket.code),
        ("ticket", ticket.code),
    ]


def test_the_survey_is_anonymous_and_ends_the_turn(signed_in, citizen):
    from balai.feedback.models import SurveyResponse

    page = signed_in.get("/anjungan/nilai/").content.decode()
    assert re.search(r'value="P"[^>]*checked', page)  # the profile comes from the register
    answers = {f"u{i}": "4" for i in range(1, 10)}
    answers.update(
        objek="service:sk-domisili", age="40", sex="P", education="sma", occupation="wirausaha"
    )
    response = signed_in.post("/anjungan/nilai/", answers)
    assert response["Location"] == "/anjungan/?selesai=1"
    row = SurveyResponse.objects.get()
    assert row.channel == "kiosk" and row.service.code == "sk-domisili"
    assert "balai_citizen" not in signed_in.session


def test_admin_registers_sees_the_token_once_and_enrols_this_browser(point, make_staff):
    admin = make_staff("admin_mpp", service_point=point)
    client = Client()
    client.force_login(admin)
    response = client.post(
        "/anjungan/kelola/", {"service_point": point.pk, "name": "Lobi", "idle_seconds": 45}
    )
    token = response.content.decode().split('class="device-token">')[1].split("<")[0]
    device = KioskDevice.objects.get(name="Lobi")
    assert device.idle_seconds == 45 and _no_store(response)
    assert token not in client.get(f"/anjungan/kelola/{device.pk}/").content.decode()
    enrolled = client.post("/anjungan/pasang/", {"token": token})
    cookie = enrolled.cookies[COOKIE_NAME]
    assert cookie.value == token and cookie["httponly"] and cookie["samesite"] == "Strict"
    assert enrolled["Location"].endswith("/anjungan/")
    # The staff session in that browser is over; the kiosk works.
    assert "_auth_user_id" not in client.session
    assert client.get("/anjungan/").status_code == 200


def test_admin_pages_check_role_and_scope(device, make_staff, make_service_point, citizen):
    elsewhere = make_service_point("mpp-lain", region_id="35.10.16")
    other_admin = make_staff("admin_mpp", service_point=elsewhere)
    operator = make_staff("operator_desa", region="35.10.05.2001")
    jember = make_staff("admin_kabupaten", region="35.09")
    regency = make_staff("admin_kabupaten", region="35.10")
    client = Client()
    assert client.get("/anjungan/kelola/").status_code == 302
    client.force_login(operator)
    assert client.get("/anjungan/kelola/").status_code == 403
    for admin in (other_admin, jember):
        client.force_login(admin)
        assert client.get(f"/anjungan/kelola/{device.pk}/").status_code == 404
        assert (
            client.post(f"/anjungan/kelola/{device.pk}/cabut/", {"reason": "x"}).status_code == 404
        )
    client.force_login(regency)
    assert device.name in client.get("/anjungan/kelola/").content.decode()
    client.post(f"/anjungan/kelola/{device.pk}/cabut/", {"reason": "rusak"})
    device.refresh_from_db()
    assert device.revoked_at is not None and device.revoked_by == regency


def test_the_print_log_shows_what_was_printed_without_a_nik(
    signed_in, device, point, make_staff, citizen
):
    signed_in.post("/anjungan/layanan/sk-domisili/", {"idempotency_key": "k3", "purpose": "Bank"})
    case = Case.objects.get()
    signed_in.post(f"/anjungan/permohonan/{case.pk}/cetak/")
    client = Client()
    client.force_login(make_staff("admin_mpp", service_point=point))
    page = client.get(f"/anjungan/kelola/{device.pk}/").content.decode()
    assert case.tracking_code in page and "Tanda terima permohonan" in page
    assert citizen.nik not in page and citizen.name not in page


def test_a_locked_pin_tells_the_citizen_where_to_go(kiosk, citizen):
    for _ in range(5):
        response = kiosk.post("/anjungan/masuk/", {"nik": citizen.nik, "pin": "147036"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "PIN terkunci" in page and "kantor desa" in page
    assert kiosk.post("/anjungan/masuk/", {"nik": citizen.nik, "pin": PIN}).status_code == 429
    assert AuditEvent.objects.filter(action="citizens.pin_locked").count() == 1


def test_the_kiosk_speaks_english_when_asked_and_indonesian_first(kiosk):
    assert "Selamat datang" in kiosk.get("/anjungan/").content.decode()
    page = kiosk.get("/en/anjungan/").content.decode()
    assert "Welcome" in page and "Sign in with NIK and PIN" in page
