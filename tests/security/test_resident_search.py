"""Resident search cannot walk a masked NIK: prefixes only with full-record rights, numbers only
by POST, whole-number searches audited, every search rate-limited."""

from __future__ import annotations

import pytest

from balai.audit.models import AuditEvent
from tests.fixtures import VILLAGE

URL = "/penduduk/"


def _found(response):
    return [r.pk for r in response.context["page"].object_list]


def test_the_auditor_cannot_walk_a_nik_by_its_prefix(client, make_staff, make_resident):
    resident = make_resident()
    client.force_login(make_staff("auditor", region="35.10"))
    for cut in (4, 8, 12, 15):
        assert _found(client.post(URL, {"q": resident.nik[:cut]})) == []
    # The whole NIK and the name still find the resident, masked.
    assert _found(client.post(URL, {"q": resident.nik})) == [resident.pk]


def test_full_record_roles_keep_prefix_search(client, make_staff, make_resident):
    resident = make_resident()
    client.force_login(make_staff("operator_desa", region=VILLAGE))
    assert _found(client.post(URL, {"q": resident.nik[:10]})) == [resident.pk]


def test_a_number_in_the_url_is_refused_and_a_name_redirects_to_the_url(
    client, make_staff, make_resident
):
    resident = make_resident()
    client.force_login(make_staff("operator_desa", region=VILLAGE))
    response = client.get(URL, {"q": resident.nik})
    assert response.status_code == 400 and _found(response) == []
    by_name = client.post(URL, {"q": "budi"})
    assert by_name.status_code == 302 and "q=budi" in by_name["Location"]


def test_a_whole_nik_search_is_audited(client, make_staff, make_resident):
    resident = make_resident()
    auditor = make_staff("auditor", region="35.10")
    client.force_login(auditor)
    client.post(URL, {"q": resident.nik})
    event = AuditEvent.objects.get(action="people.resident.searched_number")
    assert event.actor == auditor and event.object_id == str(resident.pk)
    assert resident.nik not in str(event.after)


def test_searches_are_rate_limited(client, make_staff, make_resident, settings):
    settings.PEOPLE_SEARCH_PER_MINUTE = 3
    resident = make_resident()
    client.force_login(make_staff("operator_desa", region=VILLAGE))
    for _ in range(3):
        assert client.post(URL, {"q": resident.nik}).status_code == 200
    response = client.post(URL, {"q": resident.nik})
    assert response.status_code == 429 and _found(response) == []


@pytest.mark.parametrize("cut", [6, 12])
def test_the_api_applies_the_same_prefix_rule(client, make_staff, make_resident, cut):
    from balai.accounts.services import token_create

    resident = make_resident()
    key = token_create(actor=None, user=make_staff("auditor", region="35.10"), name="t").key
    items = client.get(
        "/api/v1/residents/", {"q": resident.nik[:cut]}, headers={"Authorization": f"Bearer {key}"}
    ).json()["items"]
    assert items == []
