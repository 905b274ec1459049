"""In Chromium at kiosk sizes, portrait 1080×1920 and landscape 1920×1080: an admin registers
the device and enrols the browser, a citizen signs in on the keypad, applies, prints, is signed
out by the timer, presses back and sees nothing personal; a revoked device stops at once."""

import pytest
from django.test import Client

from balai.kiosk.models import KioskDevice, KioskPrintJob
from tests.kiosk.conftest import PIN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"portrait": {"width": 1080, "height": 1920}, "landscape": {"width": 1920, "height": 1080}}


@pytest.fixture(params=sorted(SIZES))
def kiosk_page(request, chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url,
        viewport=SIZES[request.param],
        locale="id-ID",
        timezone_id="Asia/Jakarta",
        has_touch=True,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.orientation = request.param
    yield page
    context.close()


def _staff_cookie(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _type(page, digits):
    for d in digits:
        page.click(f'.keypad [data-key="{d}"]')


def _at_least_48px(locator):
    box = locator.bounding_box()
    return box is not None and box["width"] >= 48 and box["height"] >= 48


def test_register_sign_in_apply_print_timer_and_back(
    kiosk_page, live_server, point, citizen, make_staff, operator, screenshot
):
    page, side = kiosk_page, kiosk_page.orientation
    from balai.documents.bodies import body_for
    from balai.documents.models import DocumentType
    from balai.documents.services import document_issue
    from balai.queueing.models import QueuePrefix

    QueuePrefix.objects.create(service_point=point, letter="A", name="Surat desa")
    doc_type = DocumentType.objects.create(
        code="sk-domisili", name="Surat Keterangan Domisili", body=body_for("sk-domisili")
    )
    document_issue(actor=operator, document_type=doc_type, resident=citizen)

    # The admin registers the device and enrols this very browser.
    _staff_cookie(page, live_server, make_staff("admin_mpp", service_point=point))
    page.goto("/anjungan/kelola/")
    page.select_option("#id_service_point", str(point.pk))
    page.fill("#id_name", f"Anjungan {side}")
    page.click("#register-form button")
    assert len(page.inner_text(".device-token").strip()) >= 43
    screenshot(page, f"kiosk-admin-registered-{side}")
    page.click("#enrol-here button")
    page.wait_for_url("**/anjungan/")
    device = KioskDevice.objects.get(name=f"Anjungan {side}")
    assert device.enrolled_at is not None
    cookie = next(c for c in page.context.cookies() if c["name"] == "balai_kiosk")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    screenshot(page, f"kiosk-home-{side}")

    # Sign in on the keypad: no OS keyboard, big keys.
    page.click("#start-nik")
    for key in page.locator(".keypad .key").all():
        assert _at_least_48px(key)
    _type(page, citizen.nik)
    _type(page, PIN)
    assert page.input_value("#id_nik") == citizen.nik and page.input_value("#id_pin") == PIN
    screenshot(page, f"kiosk-sign-in-{side}")
    page.click("#signin-submit")
    page.wait_for_url("**/anjungan/menu/")
    assert citizen.nik not in page.url
    assert "Siti Aminah" in page.inner_text(".kiosk-hello")
    assert _at_least_48px(page.locator(".btn-done"))
    screenshot(page, f"kiosk-menu-{side}")

    # Apply for a village letter, prefilled from the register.
    page.click("#menu-apply")
    screenshot(page, f"kiosk-services-{side}")
    page.click('[data-service="sk-domisili"]')
    assert page.inner_text(".prefill-name") == "Siti Aminah"
    page.click("label.choice:has-text('Bank')")
    screenshot(page, f"kiosk-apply-{side}")
    page.click("#apply-submit")
    page.wait_for_url("**/anjungan/permohonan/*/")
    code = page.inner_text(".kiosk-code").strip()
    assert len(code) == 9
    screenshot(page, f"kiosk-case-{side}")

    # Print the receipt (80 mm) and the signed document (A4): both logged for the device.
    page.click("#print-receipt")
    page.wait_for_url("**/tanda-terima/")
    assert page.inner_text(".receipt-code").strip() == code
    screenshot(page, f"kiosk-receipt-{side}")
    page.goto("/anjungan/dokumen/")
    screenshot(page, f"kiosk-documents-{side}")
    page.click(".print-document")
    page.wait_for_url("**/lembar/")
    assert page.locator(".sheet-page").count() >= 1
    screenshot(page, f"kiosk-document-print-{side}")
    kinds = sorted(KioskPrintJob.objects.filter(device=device).values_list("kind", flat=True))
    assert kinds == ["document", "receipt"]

    page.goto("/anjungan/antrian/")
    page.click("button.tile")
    page.wait_for_url("**/antrian/tiket/")
    assert page.inner_text(".ticket-code").startswith("A-")
    screenshot(page, f"kiosk-ticket-{side}")
    page.goto("/anjungan/nilai/")
    screenshot(page, f"kiosk-survey-{side}")

    # A short timer for this device: the countdown warns, then signs the citizen out.
    KioskDevice.objects.filter(pk=device.pk).update(idle_seconds=5)
    page.goto("/anjungan/permohonan/")
    assert "Siti Aminah" not in page.content()  # the list shows services and codes only
    page.goto("/anjungan/menu/")
    page.wait_for_selector(".kiosk-countdown.warning")
    screenshot(page, f"kiosk-countdown-{side}", full_page=False)
    page.wait_for_url("**/anjungan/?selesai=1", timeout=30_000)
    assert "Siti Aminah" not in page.content()
    screenshot(page, f"kiosk-signed-out-{side}")

    # Back shows nothing personal: the page is fetched again and the server sends the start.
    page.go_back()
    page.wait_for_load_state()
    assert "Siti Aminah" not in page.content() and code not in page.content()
    assert "/anjungan/" in page.url

    # The QR sign-in screen, then revocation stops the device at its next request.
    page.goto("/anjungan/masuk/kode/")
    screenshot(page, f"kiosk-sign-in-qr-{side}")
    from balai.kiosk.services import device_revoke

    device_revoke(actor=None, device=device, reason="uji")
    page.goto("/anjungan/")
    assert "belum terdaftar" in page.inner_text("h1")
    screenshot(page, f"kiosk-refused-{side}")


def test_the_qr_reader_hook_signs_in_with_the_pin(
    kiosk_page, live_server, point, citizen, registered
):
    from balai.cases.services import case_submit
    from balai.catalog.models import Service

    page = kiosk_page
    case = case_submit(
        actor=citizen,
        service=Service.objects.get(code="sk-domisili"),
        applicant=citizen,
        channel="kiosk",
        service_point=point,
        form_data={"purpose": "Bank"},
    )
    page.context.add_cookies(
        [{"name": "balai_kiosk", "value": registered[1], "url": live_server.url}]
    )
    page.goto("/anjungan/masuk/kode/")
    assert page.evaluate("(code) => window.BalaiKiosk.reader('qr', code)", case.tracking_code)
    _type(page, PIN)
    page.click("#reader-form button[type=submit]")
    page.wait_for_url("**/anjungan/menu/")
    assert "Siti Aminah" in page.inner_text(".kiosk-hello")


def test_search_top_services_queue_tile_and_the_survey_of_this_turn(
    chromium, live_server, point, registered, citizen, operator, make_resident, screenshot
):
    from balai.cases.services import case_submit
    from balai.catalog.models import Service, ServiceVersion
    from balai.feedback.models import SurveyResponse
    from balai.kiosk.tokens import COOKIE_NAME
    from balai.queueing.models import QueuePrefix

    QueuePrefix.objects.create(service_point=point, letter="A", name="Surat desa")
    ServiceVersion.objects.filter(
        service__code__in=["sk-kelahiran", "sk-ahli-waris"], status="published"
    ).update(channels=["village_office", "kiosk"])
    neighbour = make_resident(name="Tetangga")
    for _ in range(2):
        case_submit(
            actor=operator,
            service=Service.objects.get(code="sk-ahli-waris"),
            applicant=neighbour,
            channel="village_counter",
            service_point=point,
            form_data={},
        )
    # An older case of the citizen's own: the survey must not pick it for her.
    older = case_submit(
        actor=operator,
        service=Service.objects.get(code="sk-kelahiran"),
        applicant=citizen,
        channel="village_counter",
        service_point=point,
        form_data={},
    )
    context = chromium.new_context(
        base_url=live_server.url, viewport=SIZES["portrait"], locale="id-ID", has_touch=True
    )
    context.add_cookies([{"name": COOKIE_NAME, "value": registered[1], "url": live_server.url}])
    page = context.new_page()
    try:
        page.goto("/anjungan/")
        assert page.is_visible("#start-queue")  # the office runs a queue: a ticket, no sign-in
        screenshot(page, "kiosk-home-queue")
        page.click("#start-nik")
        _type(page, citizen.nik)
        _type(page, PIN)
        page.click("#signin-submit")
        page.wait_for_url("**/anjungan/menu/")
        page.click("#menu-apply")
        top = page.locator(".kiosk-top [data-service]")
        assert top.first.get_attribute("data-service") == "sk-ahli-waris"
        screenshot(page, "kiosk-services-top")
        # Search with the on-screen keyboard.
        page.click("#id_cari")
        for ch in "DOMISILI":
            page.click(f'#osk [data-char="{ch}"]')
        page.click("#service-search")
        found = page.locator(".kiosk-all [data-service]")
        assert found.count() == 1 and found.first.get_attribute("data-service") == "sk-domisili"
        screenshot(page, "kiosk-services-search")
        found.first.click()
        page.click("label.choice:has-text('Bank')")
        page.click("#apply-submit")
        page.wait_for_url("**/anjungan/permohonan/*/")
        just_now = int(page.url.rstrip("/").rsplit("/", 1)[1])
        page.goto("/anjungan/nilai/")
        assert page.input_value("#id_objek") == f"case:{just_now}"
        assert page.input_value("#id_objek") != f"case:{older.pk}"
        screenshot(page, "kiosk-survey-this-turn")
        for element in page.locator(".survey-question").all():
            element.locator("label.choice").last.click()
        page.select_option("#id_occupation", index=1)
        page.click("#survey-submit")
        page.wait_for_url("**/anjungan/?selesai=1")
        assert SurveyResponse.objects.get().case_id == just_now
    finally:
        context.close()
