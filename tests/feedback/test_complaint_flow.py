"""End to end: a complaint sent from the web on a phone, answered by the village office, and
published without the complainant's personal data; and the WhatsApp/SMS webhook, posted by a
fake provider over HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from django.test import override_settings

from balai.feedback.inbound import signature_for
from balai.feedback.models import Complaint
from tests.fixtures import PASSWORD, VILLAGE

SECRET = "rahasia-webhook-uji-0123456789"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_web_complaint_to_published_answer(phone_page, page, screenshot, make_staff) -> None:
    phone_page.goto("/suara/pengaduan/")
    phone_page.get_by_label("Kategori").select_option("petugas")
    phone_page.get_by_label("Desa/kelurahan").select_option(VILLAGE)
    phone_page.get_by_label("Isi pengaduan").fill(
        "Petugas meminta uang tambahan untuk surat keterangan domisili."
    )
    phone_page.locator("#id_name").fill("Siti Aminah")
    phone_page.get_by_label("Nomor HP atau surel").fill("081233344455")
    phone_page.get_by_label("Jawaban boleh dipublikasikan tanpa data pribadi saya").check()
    screenshot(phone_page, "feedback-complaint-phone")
    phone_page.get_by_role("button", name="Kirim pengaduan").click()
    code_shown = phone_page.locator(".complaint-code").inner_text()
    complaint = Complaint.objects.get()
    assert code_shown.replace("-", "") == complaint.tracking_code
    assert phone_page.locator(".complaint-state").inner_text() == "Diterima"

    # A complaint about an officer's conduct is handled above the office it names: the
    # kecamatan's operator answers it, not the village's (feedback/choices.py).
    operator = make_staff("operator_kecamatan", region=VILLAGE.rsplit(".", 1)[0])
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(operator.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto("/suara/pengaduan/kelola/")
    page.get_by_role("link", name=complaint.tracking_code).click()
    assert "Siti Aminah" in page.content()
    page.get_by_role("button", name="Tindak lanjuti").click()
    page.get_by_label("Jawaban").fill(
        "Pungutan itu tidak sah; petugas telah diberi sanksi dan uang dikembalikan."
    )
    page.get_by_role("button", name="Simpan jawaban").click()
    assert page.locator(".complaint-state").inner_text() == "Dijawab"

    phone_page.reload()
    assert "uang dikembalikan" in phone_page.locator(".complaint-answer").inner_text()
    phone_page.goto("/suara/pengaduan/publik/")
    published = phone_page.locator(".published-complaint").inner_text()
    assert "uang dikembalikan" in published
    assert "Siti" not in published and "0812" not in published
    screenshot(phone_page, "feedback-complaint-published")


def _post(live_server, body: bytes, signature: str | None):
    # The fake provider posts to the live server on loopback only.
    request = urllib.request.Request(  # noqa: S310
        f"{live_server.url}/api/v1/feedback/inbound",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    if signature is not None:
        request.add_header("X-Balai-Signature", signature)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


@pytest.mark.django_db(transaction=True)
@override_settings(FEEDBACK_INBOUND_SECRET=SECRET)
def test_provider_webhook_needs_the_signature(live_server, regions) -> None:
    body = json.dumps(
        {
            "channel": "whatsapp",
            "sender": "+6281233344455",
            "text": "Jalan desa rusak parah sejak bulan lalu.",
        }
    ).encode()
    assert _post(live_server, body, None)[0] == 401
    assert _post(live_server, body, signature_for(body=body, secret="salah"))[0] == 401
    status, answer = _post(live_server, body, signature_for(body=body, secret=SECRET))
    assert status == 201
    complaint = Complaint.objects.get()
    assert answer["tracking_code"] == complaint.tracking_code
    assert (complaint.channel, complaint.contact, complaint.region_code) == (
        "whatsapp",
        "+6281233344455",
        "35.10",
    )
    # A body changed after signing is refused.
    tampered = body.replace(b"rusak", b"bagus")
    assert _post(live_server, tampered, signature_for(body=body, secret=SECRET))[0] == 401
    assert Complaint.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@override_settings(FEEDBACK_INBOUND_SECRET="")
def test_webhook_without_a_secret_accepts_nothing(live_server, regions, monkeypatch) -> None:
    monkeypatch.delenv("BALAI_FEEDBACK_INBOUND_SECRET", raising=False)
    body = b'{"channel": "sms", "sender": "0812", "text": "Pesan tanpa tanda tangan apa pun."}'
    status, answer = _post(live_server, body, signature_for(body=body, secret=""))
    assert (status, answer["code"]) == (503, "inbound_disabled")
    assert not Complaint.objects.exists()
