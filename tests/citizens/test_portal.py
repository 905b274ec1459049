"""The online portal over HTTP: sign-in in two steps, my cases, apply online, sign out."""

from __future__ import annotations

import pytest
from django.urls import reverse

from balai.cases.models import Case
from balai.citizens.services import pin_set
from tests.fixtures import VILLAGE

pytestmark = pytest.mark.django_db
PIN = "258369"


@pytest.fixture
def citizen(make_staff, make_resident):
    person = make_resident(name="Sri Wahyuni", phone="081234567890")
    pin_set(actor=make_staff("operator_desa", region=VILLAGE), resident=person, pin=PIN)
    return person


def _code(fake) -> str:
    from django.utils import timezone

    from balai.notifications.worker import notifications_send_due

    notifications_send_due(now=timezone.now())
    text = fake.sent("sms")[-1]["text"]
    return next(w.rstrip(".") for w in text.split() if w.rstrip(".").isdigit())


def _sign_in(client, citizen, fake) -> None:
    step1 = client.post(reverse("citizens:sign_in"), {"nik": citizen.nik, "pin": PIN})
    assert step1.status_code == 302 and step1["Location"] == reverse("citizens:sign_in_code")
    page = client.get(step1["Location"])
    assert "62812*****890" in page.content.decode()
    done = client.post(step1["Location"], {"step": "code", "code": _code(fake)})
    assert done.status_code == 302 and done["Location"] == reverse("citizens:my_cases")


def test_sign_in_then_my_cases_then_sign_out(client, citizen, fake_provider, catalog):
    assert client.get(reverse("citizens:my_cases"))["Location"] == reverse("citizens:sign_in")
    _sign_in(client, citizen, fake_provider)
    page = client.get(reverse("citizens:my_cases"))
    html = page.content.decode()
    assert page.status_code == 200 and "Sri Wahyuni" in html and "no-store" in page["Cache-Control"]
    assert citizen.nik not in html
    # The small test catalog offers the birth certificate online, the village letters not.
    assert "Akta Kelahiran" in html and "Surat Keterangan Domisili" not in html

    client.post(reverse("citizens:sign_out"))
    assert client.get(reverse("citizens:my_cases")).status_code == 302


def test_a_wrong_code_is_refused_with_tries_left(client, citizen, fake_provider):
    client.post(reverse("citizens:sign_in"), {"nik": citizen.nik, "pin": PIN})
    right = _code(fake_provider)
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    page = client.post(reverse("citizens:sign_in_code"), {"step": "code", "code": wrong})
    assert "Sisa percobaan: 4" in page.content.decode()
    assert client.get(reverse("citizens:my_cases")).status_code == 302


def test_a_wrong_pin_stays_on_step_one(client, citizen):
    page = client.post(reverse("citizens:sign_in"), {"nik": citizen.nik, "pin": "147036"})
    assert page.status_code == 200 and "NIK atau PIN salah" in page.content.decode()
    assert client.get(reverse("citizens:sign_in_code")).status_code == 302


def test_no_phone_on_record_is_told_to_visit_the_village_office(client, make_staff, make_resident):
    person = make_resident(phone="")
    pin_set(actor=make_staff("operator_desa", region=VILLAGE), resident=person, pin=PIN)
    page = client.post(reverse("citizens:sign_in"), {"nik": person.nik, "pin": PIN})
    assert "kantor desa/kelurahan" in page.content.decode()


def test_apply_online_files_one_case_and_queues_its_message(
    client,
    citizen,
    fake_provider,
    catalog,
):
    _sign_in(client, citizen, fake_provider)
    url = reverse("citizens:apply")
    form = client.get(url, {"layanan": "akta-kelahiran"})
    key = form.context["idempotency_key"]
    assert form.status_code == 200 and 'name="child_name"' in form.content.decode()
    assert client.get(url, {"layanan": "sk-domisili"}).status_code == 404

    missing = client.post(url, {"layanan": "akta-kelahiran", "idempotency_key": key})
    assert missing.status_code == 422
    data = {"layanan": "akta-kelahiran", "idempotency_key": key, "child_name": "Putri"}
    first = client.post(url, data)
    again = client.post(url, data)  # a double tap on a slow network
    assert first.status_code == again.status_code == 302
    [case] = Case.objects.all()
    assert (case.channel, case.applicant_id, case.submitted_by_id) == ("online", citizen.pk, None)
    page = client.get(reverse("citizens:my_cases")).content.decode()
    assert f"{case.tracking_code[:4]}-{case.tracking_code[4:]}" in page
    assert f"/permohonan/lacak/?kode={case.tracking_code}" in page
