"""Setting and checking PINs through the services, with their audit trail."""

import datetime as dt

import pytest
from django.utils import timezone

from balai.audit.models import AuditEvent
from balai.citizens.errors import CitizenAuthError
from balai.citizens.models import CitizenPin
from balai.citizens.services import pin_set, pin_unlock, pin_verify
from tests.fixtures import OTHER_DISTRICT_VILLAGE, VILLAGE

pytestmark = pytest.mark.django_db

PIN = "258369"


@pytest.fixture
def operator(make_staff):
    return make_staff("operator_desa", region=VILLAGE)


@pytest.fixture
def resident(make_resident, operator):
    person = make_resident()
    pin_set(actor=operator, resident=person, pin=PIN)
    return person


def _refusal(nik, pin, **kw):
    with pytest.raises(CitizenAuthError) as caught:
        pin_verify(nik=nik, pin=pin, channel="kiosk", **kw)
    return caught.value


def test_the_pin_is_stored_hashed_and_its_setting_audited(resident, operator):
    row = CitizenPin.objects.get(resident=resident)
    assert PIN not in row.pin_hash and row.pin_hash.startswith(("argon2", "md5", "pbkdf2"))
    assert row.set_by == operator and row.regency_code == "35.10"
    event = AuditEvent.objects.get(action="citizens.pin_set")
    assert event.region_code == VILLAGE and resident.nik not in str(event.after)


def test_right_nik_and_pin_sign_in_and_reset_the_failures(resident):
    _refusal(resident.nik, "111222")
    assert pin_verify(nik=resident.nik, pin=PIN, channel="kiosk") == resident
    row = CitizenPin.objects.get(resident=resident)
    assert row.failed_count == 0 and row.last_sign_in_at is not None
    assert AuditEvent.objects.filter(action="citizens.sign_in").count() == 1


def test_a_wrong_pin_and_an_unknown_nik_get_the_same_answer(resident):
    wrong_pin = _refusal(resident.nik, "111222")
    unknown = _refusal("3510050406850999", PIN)
    assert wrong_pin.code == unknown.code == "invalid_credentials"
    assert wrong_pin.message == unknown.message
    # Both failures are on the record, even though the call raised.
    assert AuditEvent.objects.filter(action="citizens.sign_in_failed").count() == 2


def test_five_wrong_pins_lock_even_the_right_pin_out_then_back_off_doubles(resident):
    now = timezone.now()
    for _ in range(4):
        assert _refusal(resident.nik, "111222", now=now).code == "invalid_credentials"
    fifth = _refusal(resident.nik, "111222", now=now)
    assert fifth.code == "pin_locked" and fifth.retry_after == 60
    assert "1 menit" in fifth.message
    locked = _refusal(resident.nik, PIN, now=now + dt.timedelta(seconds=30))
    assert locked.code == "pin_locked" and 0 < locked.retry_after <= 31

    later = now + dt.timedelta(seconds=61)
    for _ in range(4):
        _refusal(resident.nik, "111222", now=later)
    second = _refusal(resident.nik, "111222", now=later)
    assert second.code == "pin_locked" and second.retry_after == 120
    assert AuditEvent.objects.filter(action="citizens.pin_locked").count() == 2
    assert AuditEvent.objects.filter(action="citizens.sign_in_refused").count() == 1

    after_wait = later + dt.timedelta(seconds=121)
    assert pin_verify(nik=resident.nik, pin=PIN, channel="kiosk", now=after_wait) == resident
    assert CitizenPin.objects.get(resident=resident).lockouts == 0


def test_the_operator_lifts_a_lockout_and_resetting_the_pin_clears_it_too(resident, operator):
    now = timezone.now()
    for _ in range(5):
        _refusal(resident.nik, "111222", now=now)
    pin_unlock(actor=operator, resident=resident)
    assert pin_verify(nik=resident.nik, pin=PIN, channel="online", now=now) == resident
    for _ in range(5):
        _refusal(resident.nik, "111222", now=now)
    pin_set(actor=operator, resident=resident, pin="741852")
    assert pin_verify(nik=resident.nik, pin="741852", channel="online", now=now) == resident
    assert AuditEvent.objects.filter(action="citizens.pin_reset").count() == 1


def test_an_operator_of_another_village_may_not_set_the_pin(make_staff, make_resident):
    stranger = make_staff("operator_desa", region=OTHER_DISTRICT_VILLAGE)
    kepala = make_staff("kepala_desa", region=VILLAGE)
    person = make_resident()
    for actor in (stranger, kepala):
        with pytest.raises(CitizenAuthError) as caught:
            pin_set(actor=actor, resident=person, pin=PIN)
        assert caught.value.code == "forbidden"
    assert not CitizenPin.objects.exists()


def test_weak_pins_and_deceased_residents_are_refused(operator, make_resident):
    person = make_resident()
    with pytest.raises(CitizenAuthError) as caught:
        pin_set(actor=operator, resident=person, pin="123456")
    assert caught.value.code == "pin_weak"
    with pytest.raises(CitizenAuthError) as caught:
        pin_set(actor=operator, resident=person, pin="040685")  # born 4 June 1985
    assert caught.value.code == "pin_weak"
    person.status = "deceased"
    person.save()
    with pytest.raises(CitizenAuthError) as caught:
        pin_set(actor=operator, resident=person, pin=PIN)
    assert caught.value.code == "resident_inactive"
    assert not CitizenPin.objects.exists()


def test_a_resident_recorded_deceased_after_setting_a_pin_cannot_sign_in(resident):
    resident.status = "deceased"
    resident.save()
    assert _refusal(resident.nik, PIN).code == "invalid_credentials"


def test_the_unlock_command_lifts_a_lockout_and_prints_the_state_masked(resident):
    import io
    import json

    from django.core.management import call_command

    now = timezone.now()
    for _ in range(5):
        _refusal(resident.nik, "111222", now=now)
    out = io.StringIO()
    call_command("citizen-pin", "unlock", resident.nik, stdout=out)
    state = json.loads(out.getvalue())
    assert state == {
        "nik": state["nik"],
        "pin_set": True,
        "locked_until": None,
        "failed_count": 0,
    }
    assert resident.nik not in state["nik"] and state["nik"].endswith(resident.nik[-4:])
    assert pin_verify(nik=resident.nik, pin=PIN, channel="kiosk", now=now) == resident
    event = AuditEvent.objects.get(action="citizens.pin_unlock")
    assert event.actor_id is None
