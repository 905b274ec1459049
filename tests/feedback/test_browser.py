"""A citizen answers the survey link on a phone; the office reads the result."""

from __future__ import annotations

import pytest

from balai.feedback.models import SurveyResponse
from balai.feedback.services import survey_invite
from tests.fixtures import PASSWORD, VILLAGE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_survey_on_a_phone_then_the_report(
    phone_page, page, screenshot, operator, make_resident, submit_letter, make_staff
) -> None:
    _invitation, token = survey_invite(
        actor=operator, case=submit_letter(make_resident()), channel="whatsapp"
    )
    phone_page.goto(f"/suara/survei/{token}/")
    # Big choices fit the phone: nothing scrolls sideways.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_page.get_by_role("button", name="Kirim penilaian").click()
    assert phone_page.get_by_text("Pilih salah satu jawaban.").first.is_visible()
    for i in range(1, 10):
        score = "3" if i == 3 else "4"
        phone_page.locator(f"#q-u{i} label.choice-{score}").click()
    phone_page.get_by_label("Umur").fill("52")
    phone_page.get_by_label("Perempuan").check()
    phone_page.get_by_label("Pendidikan terakhir").select_option("smp")
    phone_page.get_by_label("Pekerjaan").select_option("wirausaha")
    screenshot(phone_page, "feedback-survey-phone")
    phone_page.get_by_role("button", name="Kirim penilaian").click()
    phone_page.get_by_role("heading", name="Terima kasih").wait_for()
    response = SurveyResponse.objects.get()
    assert response.scores() == (4, 4, 3, 4, 4, 4, 4, 4, 4)
    assert (response.age, response.sex, response.education) == (52, "P", "smp")

    kades = make_staff("kepala_desa", region=VILLAGE)
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(kades.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto("/suara/ikm/")
    # (8 × 4 + 3) / 9 × 25 = 97.22, grade A.
    assert page.locator(".ikm-converted").inner_text() == "97,22"
    assert page.locator(".ikm-grade").inner_text() == "A"
    screenshot(page, "feedback-ikm-report")
