"""Online sign-in: NIK and PIN, then a one-time code by SMS through the outbox."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from balai.audit.models import AuditEvent
from balai.citizens.errors import CitizenAuthError
from balai.citizens.models import SignInCode
from balai.citizens.services import pin_set
from balai.citizens.sign_in import sign_in_finish, sign_in_resend, sign_in_start
from balai.notifications.models import Notification
from balai.notifications.worker import notifications_send_due
from tests.fixtures import VILLAGE

pytestmark = pytest.mark.django_db
PIN = "258369"


@pytest.fixture
def citizen(make_staff, make_resident):
    person = make_resident(phone="0812 3456 7890")
    pin_set(actor=make_staff("operator_desa", region=VILLAGE), resident=person, pin=PIN)
    return person


def _code_sent(fake) -> str:
    notifications_send_due(now=timezone.now() + dt.timedelta(minutes=10))
    text = fake.sent("sms")[-1]["text"]
    return next(word.rstrip(".") for word in text.split() if word.rstrip(".").isdigit())


def test_the_code_goes_by_sms_and_signs_in_once(fake_provider, citizen):
    pending = sign_in_start(nik=citizen.nik, pin=PIN)
    [n] = Notification.objects.filter(object_type="citizens.signincode")
    assert n.channel == "sms" and n.address == "6281234567890"
    code = _code_sent(fake_provider)
    assert len(code) == 6 and code not in pending.code_hash and citizen.nik not in n.text

    assert sign_in_finish(pending_id=pending.pk, code=code) == citizen
    with pytest.raises(CitizenAuthError) as reuse:
        sign_in_finish(pending_id=pending.pk, code=code)
    assert reuse.value.code == "code_spent"
    actions = list(
        AuditEvent.objects.filter(action__startswith="citizens.sign_in_code").values_list(
            "action", flat=True
        )
    )
    assert actions == [
        "citizens.sign_in_code_sent",
        "citizens.sign_in_code_ok",
        "citizens.sign_in_code_failed",
    ]
    assert all(citizen.nik not in e.actor_label for e in AuditEvent.objects.all())


def test_a_wrong_pin_sends_no_code(citizen):
    with pytest.raises(CitizenAuthError) as wrong:
        sign_in_start(nik=citizen.nik, pin="147036")
    assert wrong.value.code == "invalid_credentials"
    assert not SignInCode.objects.exists() and not Notification.objects.exists()


def test_the_code_expires_after_five_minutes(fake_provider, citizen):
    now = timezone.now()
    pending = sign_in_start(nik=citizen.nik, pin=PIN, now=now)
    code = _code_sent(fake_provider)
    with pytest.raises(CitizenAuthError) as late:
        sign_in_finish(pending_id=pending.pk, code=code, now=now + dt.timedelta(minutes=5))
    assert late.value.code == "code_expired"
    assert sign_in_finish(pending_id=pending.pk, code=code, now=now + dt.timedelta(minutes=4))


def test_five_wrong_codes_spend_the_sign_in_even_for_the_right_code(fake_provider, citizen):
    pending = sign_in_start(nik=citizen.nik, pin=PIN)
    code = _code_sent(fake_provider)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    codes = []
    for _ in range(5):
        with pytest.raises(CitizenAuthError) as refused:
            sign_in_finish(pending_id=pending.pk, code=wrong)
        codes.append(refused.value.code)
    assert codes == ["code_wrong"] * 4 + ["code_spent"]
    with pytest.raises(CitizenAuthError) as right_too_late:
        sign_in_finish(pending_id=pending.pk, code=code)
    assert right_too_late.value.code == "code_spent"
    # Failures were committed, not rolled back with the refusal.
    assert SignInCode.objects.get(pk=pending.pk).failed_count == 5


def test_resend_is_spaced_and_limited_and_kills_the_old_code(fake_provider, citizen):
    now = timezone.now()
    pending = sign_in_start(nik=citizen.nik, pin=PIN, now=now)
    first = _code_sent(fake_provider)
    with pytest.raises(CitizenAuthError) as soon:
        sign_in_resend(pending_id=pending.pk, now=now + dt.timedelta(seconds=10))
    assert soon.value.code == "resend_wait" and soon.value.retry_after == 21

    sign_in_resend(pending_id=pending.pk, now=now + dt.timedelta(seconds=31))
    second = _code_sent(fake_provider)
    sign_in_resend(pending_id=pending.pk, now=now + dt.timedelta(seconds=62))
    with pytest.raises(CitizenAuthError) as limit:
        sign_in_resend(pending_id=pending.pk, now=now + dt.timedelta(seconds=93))
    assert limit.value.code == "resend_limit"
    assert Notification.objects.filter(object_type="citizens.signincode").count() == 3
    third = _code_sent(fake_provider)
    for old in {first, second} - {third}:
        with pytest.raises(CitizenAuthError):
            sign_in_finish(pending_id=pending.pk, code=old, now=now + dt.timedelta(seconds=95))
    assert sign_in_finish(pending_id=pending.pk, code=third, now=now + dt.timedelta(seconds=95))


def test_a_new_sign_in_voids_the_earlier_code(fake_provider, citizen):
    first = sign_in_start(nik=citizen.nik, pin=PIN)
    first_code = _code_sent(fake_provider)
    sign_in_start(nik=citizen.nik, pin=PIN)
    with pytest.raises(CitizenAuthError) as voided:
        sign_in_finish(pending_id=first.pk, code=first_code)
    assert voided.value.code == "code_expired"


def test_codes_per_hour_are_capped(citizen):
    now = timezone.now()
    for i in range(6):
        sign_in_start(nik=citizen.nik, pin=PIN, now=now + dt.timedelta(minutes=i))
    with pytest.raises(CitizenAuthError) as capped:
        sign_in_start(nik=citizen.nik, pin=PIN, now=now + dt.timedelta(minutes=7))
    assert capped.value.code == "too_many_codes"
    assert sign_in_start(nik=citizen.nik, pin=PIN, now=now + dt.timedelta(minutes=61))


def test_a_resident_without_a_phone_is_sent_to_the_village_office(make_staff, make_resident):
    person = make_resident(phone="")
    pin_set(actor=make_staff("operator_desa", region=VILLAGE), resident=person, pin=PIN)
    with pytest.raises(CitizenAuthError) as no_phone:
        sign_in_start(nik=person.nik, pin=PIN)
    assert no_phone.value.code == "no_phone" and "kantor desa" in no_phone.value.message
    assert not SignInCode.objects.exists()
    assert AuditEvent.objects.filter(action="citizens.sign_in_code_no_phone").count() == 1
