"""The counter page: scope, the two steps, and no NIK in any URL."""

import pytest
from django.urls import reverse

from balai.citizens.models import CitizenPin
from balai.citizens.services import pin_verify
from tests.fixtures import OTHER_DISTRICT_VILLAGE, PASSWORD, VILLAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client(client, make_staff):
    user = make_staff("operator_desa", region=VILLAGE)
    client.login(username=user.username, password=PASSWORD)
    return client


def test_the_operator_finds_the_resident_then_the_citizen_types_the_pin_twice(
    operator_client, make_resident
):
    person = make_resident()
    url = reverse("citizens:pin_counter")
    page = operator_client.post(url, {"step": "nik", "nik": person.nik})
    html = page.content.decode()
    assert page.status_code == 200 and person.name in html and "belum ada" in html
    assert person.nik not in html.replace(f'value="{person.nik}"', "")  # only in the hidden field

    mismatch = operator_client.post(
        url, {"step": "pin", "nik": person.nik, "pin": "258369", "pin_again": "258368"}
    )
    assert "Kedua PIN tidak sama." in mismatch.content.decode()
    weak = operator_client.post(
        url, {"step": "pin", "nik": person.nik, "pin": "111111", "pin_again": "111111"}
    )
    assert "mudah ditebak" in weak.content.decode()
    assert not CitizenPin.objects.exists()

    done = operator_client.post(
        url, {"step": "pin", "nik": person.nik, "pin": "258369", "pin_again": "258369"}
    )
    assert "sudah disimpan" in done.content.decode()
    assert pin_verify(nik=person.nik, pin="258369", channel="kiosk") == person


def test_a_resident_outside_the_village_is_not_found(operator_client, make_resident):
    person = make_resident(village=OTHER_DISTRICT_VILLAGE)
    page = operator_client.post(reverse("citizens:pin_counter"), {"step": "nik", "nik": person.nik})
    assert "tidak ada di wilayah Anda" in page.content.decode()
    page = operator_client.post(
        reverse("citizens:pin_counter"),
        {"step": "pin", "nik": person.nik, "pin": "258369", "pin_again": "258369"},
    )
    assert not CitizenPin.objects.exists()


def test_staff_without_the_permission_are_refused(client, make_staff):
    kepala = make_staff("kepala_desa", region=VILLAGE)
    client.login(username=kepala.username, password=PASSWORD)
    assert client.get(reverse("citizens:pin_counter")).status_code == 403
    client.logout()
    assert client.get(reverse("citizens:pin_counter")).status_code == 302
