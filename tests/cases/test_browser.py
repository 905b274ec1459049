"""In a real browser: the operator takes an application at the counter, the kepala desa
approves on a phone-sized window, the citizen follows it on the tracking page."""

import datetime as dt

import pytest
from django.test import Client

from tests.fixtures import VILLAGE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 390


def _sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _fits_the_phone(page) -> None:
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} scrolls sideways: {width}px"


class Counted:
    """The page, counting what the operator does: each click, fill, select or key press."""

    def __init__(self, page) -> None:
        self.page = page
        self.interactions = 0

    def click(self, selector: str) -> None:
        self.interactions += 1
        self.page.click(selector)

    def fill(self, selector: str, value: str) -> None:
        self.interactions += 1
        self.page.fill(selector, value)


def test_an_sk_domisili_for_a_known_resident_takes_at_most_six_interactions(
    catalog, page, live_server, make_staff, make_resident, screenshot
):
    from balai.cases.models import Case
    from balai.cases.services import case_submit
    from balai.catalog.models import Service, ServicePoint, ServiceVersion
    from tests.cases.test_counter import DOMISILI_FORM

    ServiceVersion.objects.filter(service__code="sk-domisili").update(form=DOMISILI_FORM)
    operator = make_staff("operator_desa", region=VILLAGE)
    applicant = make_resident(name="Sri Wahyuni", sex="P", birth_date=dt.date(1990, 7, 12))
    make_resident(name="Sri Wahyuningsih", sex="P", birth_date=dt.date(1971, 3, 2))
    # The office files SK Domisili often: it is among the first services offered.
    point = ServicePoint.objects.get(code=f"kantor-desa-{VILLAGE}")
    regular = make_resident(name="Warga Lain")
    for _ in range(2):
        case_submit(
            actor=operator,
            service=Service.objects.get(code="sk-domisili"),
            applicant=regular,
            channel="village_counter",
            service_point=point,
            form_data={"nik_pemohon": regular.nik, "keperluan": "Bank", "alamat_domisili": "-"},
        )

    _sign_in(page, live_server, operator)
    page.goto("/permohonan/loket/")
    counted = Counted(page)
    counted.fill("#id_cari", "sri wahyu")
    counted.click("button:has-text('Cari')")
    assert page.locator(".counter-found tbody tr").count() == 2
    assert "12 Juli 1990" in page.inner_text(".counter-found")
    screenshot(page, "cases-counter-search")
    counted.click(f"a.choose-resident[href$='penduduk={applicant.pk}']")
    counted.click(".service-tiles a[data-service='sk-domisili']")
    assert page.input_value("#f_alamat_domisili").startswith("Jl. Raya Muncar 1, RT 001/RW 002")
    assert applicant.nik not in page.content()
    counted.fill("#f_keperluan", "Melamar pekerjaan")
    # The preview follows the form: redrawn from what was just typed.
    page.wait_for_selector("#letter-preview[data-version]")
    assert page.locator("#letter-preview").evaluate("img => img.naturalWidth") > 300
    screenshot(page, "cases-counter")
    counted.click("button.counter-file")
    code = page.inner_text(".receipt-code").strip()
    assert len(code) == 9 and code[4] == "-"
    assert counted.interactions <= 6
    case = Case.objects.get(applicant=applicant)
    assert case.form_data == {
        "nik_pemohon": applicant.nik,
        "keperluan": "Melamar pekerjaan",
        "alamat_domisili": "Jl. Raya Muncar 1, RT 001/RW 002, Krajan, Sumberberas",
    }
    # The flash belongs to the receipt, and only to it.
    assert "Permohonan tersimpan." in page.inner_text(".receipt-messages")
    page.goto("/permohonan/kotak-masuk/")
    assert "Permohonan tersimpan." not in page.inner_text("main")


def test_counter_to_phone_approval_to_public_tracking(
    catalog, page, phone_page, chromium, live_server, make_staff, make_resident, screenshot
):
    operator = make_staff("operator_desa", region=VILLAGE, full_name="Dewi Operator")
    kades = make_staff("kepala_desa", region=VILLAGE, full_name="Kepala Desa Sumberberas")
    camat = make_staff("camat", region="35.10.05", full_name="Camat Muncar")
    applicant = make_resident(name="Sri Wahyuni", sex="P", birth_date=dt.date(1990, 7, 12))

    # The operator at the village counter finds her by NIK.
    _sign_in(page, live_server, operator)
    page.goto("/permohonan/loket/")
    page.fill("#id_cari", applicant.nik)
    page.click("button:has-text('Cari')")
    page.click("a.choose-resident")
    page.fill("#id_cari_layanan", "waris")
    page.click("#service-list a[data-service='sk-ahli-waris']")
    assert page.inner_text(".prefill-name") == "Sri Wahyuni"
    page.click("text=Ajukan dan cetak tanda terima")
    code = page.inner_text(".receipt-code").strip()
    assert len(code) == 9 and code[4] == "-"
    screenshot(page, "cases-receipt-a4")
    page.click("text=Kembali")
    page.click("button.act-verify")
    assert "Menunggu tanda tangan kepala desa" in page.inner_text(".case-stage")
    assert "Tindakan tersimpan." in page.inner_text(".messages")
    page.reload()
    assert page.locator(".messages").count() == 0  # shown once, gone on the next load
    history = page.inner_text(".history")
    assert "Periksa dan teruskan oleh Operator desa/kelurahan · Dewi Operator" in history
    assert "operator_desa" not in history and "verify" not in history
    screenshot(page, "cases-detail-words")

    # The kepala desa on a phone: the menu folds behind a button; nothing scrolls sideways.
    _sign_in(phone_page, live_server, kades)
    phone_page.goto("/permohonan/kotak-masuk/")
    assert not phone_page.is_visible("#mainnav")
    nav_height = phone_page.locator("header.topbar").bounding_box()["height"]
    assert nav_height < 844 * 0.15
    _fits_the_phone(phone_page)
    phone_page.click(".menu-toggle")
    assert phone_page.is_visible("#mainnav a:has-text('Kotak masuk')")
    screenshot(phone_page, "cases-phone-menu", full_page=False)
    phone_page.click(".menu-toggle")
    screenshot(phone_page, "cases-inbox-phone")
    phone_page.click(f"text={code}")
    _fits_the_phone(phone_page)
    screenshot(phone_page, "cases-approve-phone")
    button = phone_page.locator("button.act-endorse")
    box = button.bounding_box()
    assert box is not None and box["width"] <= PHONE_WIDTH and box["height"] >= 44
    button.click()
    # Passed on to the kecamatan: back to an inbox that no longer holds it.
    phone_page.wait_for_url("**/permohonan/kotak-masuk/")
    assert "Tindakan tersimpan." in phone_page.inner_text(".messages")
    assert code not in phone_page.inner_text("main")

    # The camat's inbox on a phone holds it, and fits.
    _sign_in(phone_page, live_server, camat)
    phone_page.goto("/permohonan/kotak-masuk/")
    assert code in phone_page.inner_text("main")
    _fits_the_phone(phone_page)
    phone_page.click(f"text={code}")
    _fits_the_phone(phone_page)

    # The citizen, signed in nowhere, on their own phone.
    citizen = chromium.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="id-ID"
    )
    try:
        track = citizen.new_page()
        track.goto("/permohonan/lacak/")
        track.fill("#id_kode", code.lower())
        track.click("form.track-form button")
        result = track.inner_text(".track-result")
        assert "Menunggu persetujuan camat" in result and "Kecamatan" in result
        assert "Menunggu persetujuan Camat." in track.inner_text(".track-next")
        assert "Sri Wahyuni" not in track.content() and applicant.nik not in track.content()
        screenshot(track, "cases-tracking")
    finally:
        citizen.close()


def test_a_refusal_is_red_and_asks_before_it_is_taken(
    catalog, page, live_server, make_staff, make_resident, screenshot
):
    from balai.cases.models import Case
    from balai.cases.services import case_submit
    from balai.catalog.models import Service

    kades = make_staff("kepala_desa", region=VILLAGE)
    case = case_submit(
        actor=make_staff("operator_desa", region=VILLAGE),
        service=Service.objects.get(code="sk-kelahiran"),
        applicant=make_resident(),
        channel="village_counter",
        form_data={},
    )
    _sign_in(page, live_server, kades)
    page.goto(f"/permohonan/{case.pk}/")
    reject = page.locator("button.act-reject")
    colour = reject.evaluate("b => getComputedStyle(b).color")
    forward = page.locator("button.act-return_for_correction")
    assert colour != forward.evaluate("b => getComputedStyle(b).color")
    assert colour == "rgb(179, 38, 30)"  # --bad
    page.fill("#id_comment", "Bukan warga desa ini.")
    page.select_option("#id_reason_code", "not_eligible")
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    reject.click()
    assert asked and "Tolak permohonan ini?" in asked[0]
    assert Case.objects.get(pk=case.pk).status == "submitted"  # said no: nothing happened
    screenshot(page, "cases-detail-destructive")
    page.once("dialog", lambda d: d.accept())
    reject.click()
    page.wait_for_selector(".messages")
    assert Case.objects.get(pk=case.pk).status == "rejected"
    assert "Alasan: Pemohon tidak memenuhi ketentuan layanan" in page.inner_text(".history")
