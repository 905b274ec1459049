"""In a real browser: a citizen signs in online with NIK, PIN and the SMS code, and sees
their applications with status and tracking link."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from balai.cases.services import case_submit
from balai.catalog.models import Service
from balai.citizens.services import pin_set
from balai.notifications.worker import notifications_send_due
from tests.fixtures import VILLAGE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PIN = "258369"


def test_online_sign_in_to_my_cases(
    catalog,
    page,
    make_staff,
    make_resident,
    fake_provider,
    screenshot,
):
    operator = make_staff("operator_desa", region=VILLAGE)
    citizen = make_resident(name="Sri Wahyuni", sex="P", birth_date=dt.date(1990, 7, 12))
    pin_set(actor=operator, resident=citizen, pin=PIN)
    case = case_submit(
        actor=operator,
        service=Service.objects.get(code="sk-ahli-waris"),
        applicant=citizen,
        channel="village_counter",
        form_data={},
    )

    page.goto("/warga/masuk/")
    page.fill("#id_nik", citizen.nik)
    page.fill("#id_pin", PIN)
    screenshot(page, "citizens-portal-sign-in")
    page.click("form.portal-sign-in button")
    page.wait_for_url("**/warga/masuk/kode/")
    assert "62812*****890" in page.inner_text("main")

    notifications_send_due(now=timezone.now())
    text = fake_provider.sent("sms")[-1]["text"]
    code = next(w.rstrip(".") for w in text.split() if w.rstrip(".").isdigit())
    page.fill("#id_code", code)
    page.click("form.portal-code button")
    page.wait_for_url("**/warga/permohonan/")

    main = page.inner_text("main")
    display = f"{case.tracking_code[:4]}-{case.tracking_code[4:]}"
    assert "Permohonan saya" in main and "Sri Wahyuni" in main
    assert display in main and "Surat Keterangan Ahli Waris" in main and "Diajukan" in main
    assert citizen.nik not in page.content() and citizen.nik not in page.url
    link = page.locator("a.case-code").first.get_attribute("href")
    assert link.endswith(f"/permohonan/lacak/?kode={case.tracking_code}")
    screenshot(page, "citizens-portal-cases")

    page.click("form.logout button")
    page.wait_for_url("**/warga/masuk/")
    page.goto("/warga/permohonan/")
    assert page.url.endswith("/warga/masuk/")
