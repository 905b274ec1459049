"""Devices, sign-in with the per-device back-off, readers and the print log, through the
services and their audit trail."""

import datetime as dt

import pytest
from django.utils import timezone

from balai.audit.models import AuditEvent
from balai.citizens.errors import CitizenAuthError
from balai.kiosk import backoff
from balai.kiosk.errors import KioskError
from balai.kiosk.models import KioskDevice, KioskPrintJob
from balai.kiosk.selectors import device_for_token
from balai.kiosk.services import (
    device_enrol,
    device_register,
    device_revoke,
    kiosk_sign_in,
    kiosk_sign_in_reader,
    print_job_record,
)
from balai.kiosk.tokens import token_hash
from tests.fixtures import VILLAGE
from tests.kiosk.conftest import PIN

pytestmark = pytest.mark.django_db


def test_a_token_is_long_random_shown_once_and_stored_hashed(registered):
    device, token = registered
    assert len(token) >= 43
    assert token not in str(KioskDevice.objects.filter(pk=device.pk).values().get())
    assert device.token_hash == token_hash(token) and device.token_prefix == token[:8]
    assert device.regency_code == "35.10" and device.region_code == VILLAGE
    assert device.idle_seconds == 60
    event = AuditEvent.objects.get(action="kiosk.device_register")
    assert token not in str(event.after) and event.after["token_prefix"] == token[:8]


def test_admins_register_only_inside_their_scope(point, make_staff, make_service_point):
    other = make_service_point("mpp-lain", region_id="35.10.16")
    admin_mpp = make_staff("admin_mpp", service_point=point)
    admin_kab = make_staff("admin_kabupaten", region="35.10")
    jember = make_staff("admin_kabupaten", region="35.09")
    operator = make_staff("operator_desa", region=VILLAGE)
    assert (
        device_register(actor=admin_mpp, service_point=point, name="A")[0].created_by == admin_mpp
    )
    assert device_register(actor=admin_kab, service_point=other, name="B")[0].pk
    for actor, where in ((admin_mpp, other), (jember, point), (operator, point)):
        with pytest.raises(KioskError) as caught:
            device_register(actor=actor, service_point=where, name="C")
        assert caught.value.code == "forbidden"
    assert KioskDevice.objects.count() == 2


def test_idle_seconds_are_bounded_and_a_name_is_needed(point):
    for seconds in (4, 601):
        with pytest.raises(KioskError) as caught:
            device_register(actor=None, service_point=point, name="A", idle_seconds=seconds)
        assert caught.value.code == "idle_seconds_out_of_range"
    with pytest.raises(KioskError):
        device_register(actor=None, service_point=point, name="  ")
    assert device_register(actor=None, service_point=point, name="A", idle_seconds=5)[0].pk


def test_revoking_stops_the_token_at_once_and_is_audited(registered, make_staff, point):
    device, token = registered
    assert device_for_token(token) == device
    admin = make_staff("admin_mpp", service_point=point)
    with pytest.raises(KioskError) as caught:
        device_revoke(actor=admin, device=device, reason="")
    assert caught.value.code == "reason_required"
    device_revoke(actor=admin, device=device, reason="Perangkat dipindah")
    assert device_for_token(token) is None
    with pytest.raises(KioskError) as caught:
        device_enrol(token=token)
    assert caught.value.code == "token_invalid"
    with pytest.raises(KioskError) as caught:
        device_revoke(actor=admin, device=device, reason="lagi")
    assert caught.value.code == "already_revoked"
    event = AuditEvent.objects.get(action="kiosk.device_revoke")
    assert event.actor_id == admin.pk and event.after["reason"] == "Perangkat dipindah"


def test_enrolment_needs_the_exact_token(registered):
    _device, token = registered
    for wrong in ("", token[:-1], token + "x"):
        with pytest.raises(KioskError):
            device_enrol(token=wrong)
    assert device_enrol(token=token).enrolled_at is not None
    assert AuditEvent.objects.filter(action="kiosk.device_enrol").count() == 1


def test_sign_in_with_the_right_pin_and_the_pin_lockout_still_applies(device, citizen):
    assert kiosk_sign_in(device=device, nik=citizen.nik, pin=PIN) == citizen
    codes = []
    for _ in range(5):
        with pytest.raises(CitizenAuthError) as caught:
            kiosk_sign_in(device=device, nik=citizen.nik, pin="147036")
        codes.append(caught.value.code)
    assert codes == ["invalid_credentials"] * 4 + ["pin_locked"]
    with pytest.raises(CitizenAuthError) as caught:
        kiosk_sign_in(device=device, nik=citizen.nik, pin=PIN)
    assert caught.value.code == "pin_locked" and caught.value.retry_after > 0


def _fail(device, nik, now):
    with pytest.raises((CitizenAuthError, KioskError)) as caught:
        kiosk_sign_in(device=device, nik=nik, pin="147036", now=now)
    return caught.value


def test_the_device_waits_after_repeated_failures_and_doubles_the_wait(
    device, citizen, make_resident, settings
):
    settings.KIOSK_DEVICE_FAILURES_BEFORE_WAIT = 3
    now = timezone.now()
    # Three different NIKs: no single PIN is locked, but the device is being walked.
    others = [make_resident(name=f"Warga {i}").nik for i in range(3)]
    for nik in others:
        assert _fail(device, nik, now).code == "invalid_credentials"
    device.refresh_from_db()
    assert device.waits == 1 and device.wait_until == now + dt.timedelta(seconds=30)
    waited = AuditEvent.objects.get(action="kiosk.device_wait")
    assert waited.after["seconds"] == 30 and citizen.nik not in str(waited.after)

    # While it waits even the right PIN is refused, and the PIN is not even checked.
    signed_before = AuditEvent.objects.filter(action="citizens.sign_in").count()
    refusal = _fail(device, citizen.nik, now + dt.timedelta(seconds=10))
    with pytest.raises(KioskError) as caught:
        kiosk_sign_in(device=device, nik=citizen.nik, pin=PIN, now=now + dt.timedelta(seconds=10))
    assert refusal.code == caught.value.code == "device_waiting"
    assert caught.value.retry_after == 21 and caught.value.status == 429
    assert AuditEvent.objects.filter(action="citizens.sign_in").count() == signed_before
    assert AuditEvent.objects.filter(action="kiosk.sign_in_refused").count() == 2

    later = now + dt.timedelta(seconds=31)
    for nik in others:
        _fail(device, nik, later)
    device.refresh_from_db()
    assert device.waits == 2 and device.wait_until == later + dt.timedelta(seconds=60)

    # A success after the wait does not clear the device's counters: a guesser cannot
    # reset the machine by letting one citizen sign in between guesses.
    after = later + dt.timedelta(seconds=61)
    assert kiosk_sign_in(device=device, nik=citizen.nik, pin=PIN, now=after) == citizen
    device.refresh_from_db()
    assert device.waits == 2


def test_the_wait_is_per_device(point, citizen, make_resident, settings):
    settings.KIOSK_DEVICE_FAILURES_BEFORE_WAIT = 2
    first, _token = device_register(actor=None, service_point=point, name="A")
    second, _token = device_register(actor=None, service_point=point, name="B")
    for i in range(2):
        _fail(first, make_resident(name=f"W{i}").nik, timezone.now())
    assert _fail(first, citizen.nik, timezone.now()).code == "device_waiting"
    assert kiosk_sign_in(device=second, nik=citizen.nik, pin=PIN) == citizen


def test_a_revoked_device_cannot_sign_anyone_in(device, citizen):
    device_revoke(actor=None, device=device, reason="hilang")
    with pytest.raises(KioskError) as caught:
        kiosk_sign_in(device=device, nik=citizen.nik, pin=PIN)
    assert caught.value.code == "device_revoked"


def _kiosk_case(citizen, point):
    from balai.cases.services import case_submit
    from balai.catalog.models import Service

    return case_submit(
        actor=citizen,
        service=Service.objects.get(code="sk-domisili"),
        applicant=citizen,
        channel="kiosk",
        service_point=point,
        form_data={"purpose": "Bank"},
    )


def test_the_qr_on_a_receipt_names_the_citizen_and_the_pin_proves_it(device, citizen, point):
    case = _kiosk_case(citizen, point)
    url = f"https://balai.example.id/permohonan/lacak/?kode={case.tracking_code[:4]}-{case.tracking_code[4:]}"
    for payload in (case.tracking_code, case.tracking_code.lower(), url):
        assert kiosk_sign_in_reader(device=device, kind="qr", payload=payload, pin=PIN) == citizen
    with pytest.raises(CitizenAuthError) as caught:
        kiosk_sign_in_reader(device=device, kind="qr", payload=case.tracking_code, pin="147036")
    assert caught.value.code == "invalid_credentials"
    # An unknown code answers exactly like a wrong PIN, and counts against the device.
    with pytest.raises(CitizenAuthError) as caught:
        kiosk_sign_in_reader(device=device, kind="qr", payload="ZZZZZZZZ", pin=PIN)
    assert caught.value.code == "invalid_credentials"
    device.refresh_from_db()
    assert device.failed_count == 2
    with pytest.raises(KioskError) as caught:
        kiosk_sign_in_reader(device=device, kind="sidik-jari", payload="x", pin=PIN)
    assert caught.value.code == "reader_unknown"


def test_the_seal_on_a_signed_document_names_its_holder(device, citizen, operator):
    from balai.documents.bodies import body_for
    from balai.documents.models import DocumentType
    from balai.documents.services import document_issue

    doc_type = DocumentType.objects.create(
        code="sk-domisili", name="Surat Keterangan Domisili", body=body_for("sk-domisili")
    )
    document = document_issue(actor=operator, document_type=doc_type, resident=citizen)
    url = f"https://balai.example.id/dokumen/verifikasi/?kode={document.seal_code}"
    assert kiosk_sign_in_reader(device=device, kind="qr", payload=url, pin=PIN) == citizen
    tampered = document.seal_code[:-3] + ("AAA" if document.seal_code[-3:] != "AAA" else "BBB")
    with pytest.raises(CitizenAuthError):
        kiosk_sign_in_reader(device=device, kind="qr", payload=tampered, pin=PIN)


def test_a_print_job_names_the_case_never_the_nik(device, citizen, point, make_resident):
    case = _kiosk_case(citizen, point)
    job = print_job_record(device=device, resident=citizen, kind="receipt", paper="80mm", case=case)
    assert KioskPrintJob.objects.get().case == case and job.regency_code == "35.10"
    event = AuditEvent.objects.get(action="kiosk.print")
    assert citizen.nik not in str(event.after) and citizen.nik not in event.actor_label
    assert event.after["case"] == case.pk
    stranger = make_resident(name="Orang Lain")
    with pytest.raises(KioskError) as caught:
        print_job_record(device=device, resident=stranger, kind="receipt", paper="80mm", case=case)
    assert caught.value.code == "not_found"
    assert KioskPrintJob.objects.count() == 1


def test_backoff_settings_have_sane_defaults():
    assert backoff.failures_before_wait() == backoff.FAILURES_BEFORE_WAIT == 10
    assert backoff.wait_seconds(1) == 30
