"""Online PIN sign-in is limited per client, successes included, before any PIN is checked;
a wrong NIK and a wrong PIN answer alike."""

from __future__ import annotations

import datetime as dt

import pytest

from balai.audit.models import AuditEvent

URL = "/warga/masuk/"


@pytest.mark.django_db
def test_one_client_cannot_spray_pins_over_many_niks(client, settings, make_resident):
    settings.CITIZEN_SIGN_INS_PER_CLIENT = 5
    residents = [
        make_resident(name=f"Warga {n}", birth_date=dt.date(1980, 1, n + 1)) for n in range(8)
    ]
    statuses = [
        client.post(URL, {"nik": r.nik, "pin": "135790"}, REMOTE_ADDR="203.0.113.7").status_code
        for r in residents
    ]
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429] * 3
    # The refused ones never reached a PIN check.
    assert AuditEvent.objects.filter(action="citizens.sign_in_failed").count() == 5
    other = client.post(URL, {"nik": residents[0].nik, "pin": "1"}, REMOTE_ADDR="198.51.100.1")
    assert other.status_code == 200


@pytest.mark.django_db
def test_a_wrong_nik_and_a_wrong_pin_read_the_same(client, make_resident):
    resident = make_resident()
    wrong_pin = client.post(URL, {"nik": resident.nik, "pin": "135790"}).content.decode()
    unknown = client.post(URL, {"nik": resident.nik[:-4] + "9999", "pin": "135790"})
    assert "NIK atau PIN salah" in wrong_pin and "NIK atau PIN salah" in unknown.content.decode()
