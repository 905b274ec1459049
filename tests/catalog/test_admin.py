"""The catalog admin: scoped by accounts.permissions; edits make drafts; publishing is explicit."""

from __future__ import annotations

import pytest

from balai.audit.models import AuditEvent
from balai.catalog.choices import VersionStatus
from balai.catalog.loading import catalog_load
from balai.catalog.models import Agency, Service
from tests.fixtures import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(regions, small_catalog):
    catalog_load(actor=None, directory=small_catalog)


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def form_data(response) -> dict:
    """What the browser would post back: the form's initial values and the inline's
    management form, unchanged."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(value, list | dict) and name not in ("life_events", "channels"):
            value = field.prepare_value(value)
        if value is not None:
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for i, sub in enumerate(formset.forms):
            data[f"{formset.prefix}-{i}-id"] = sub.instance.pk
            data[f"{formset.prefix}-{i}-service"] = sub.instance.service_id
    return data


def test_admin_lists_only_what_is_in_scope(loaded, make_staff, make_agency, client):
    make_agency("dinkes-jember", region_id="35.09", name="Dinkes Jember", short_name="Dinkes")
    admin = make_staff("admin_kabupaten", region="35.10", is_staff=True)
    page = login(client, admin).get("/admin/catalog/agency/")
    assert page.status_code == 200
    assert b"Dispendukcapil" in page.content and b"dinkes-jember" not in page.content
    jember = Agency.objects.get(code="dinkes-jember")
    assert client.get(f"/admin/catalog/agency/{jember.pk}/change/").status_code in (302, 404)


def test_admin_refuses_roles_without_catalog_manage(loaded, make_staff, client):
    operator = make_staff("operator_desa", region="35.10.05.2001", is_staff=True)
    login(client, operator)
    assert client.get("/admin/catalog/service/").status_code == 403


def test_edit_makes_a_draft_and_publish_action_publishes(loaded, make_staff, client):
    admin = make_staff("admin_kabupaten", region="35.10", is_staff=True)
    login(client, admin)
    service = Service.objects.get(code="pajak-kendaraan-tahunan")
    url = f"/admin/catalog/service/{service.pk}/change/"
    page = client.get(url)
    assert [f.instance.number for f in page.context["inline_admin_formsets"][0].formset.forms] == [
        1
    ]
    data = form_data(page)
    data["fee_amount"] = 275000
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    service.refresh_from_db()
    assert service.current_version.number == 2
    assert service.current_version.status == VersionStatus.DRAFT
    assert service.current_version.fee_amount == 275000
    assert service.published_version.number == 1 and service.published_version.fee_amount == 250000

    response = client.post(
        "/admin/catalog/service/", {"action": "publish", "_selected_action": [service.pk]}
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.published_version.number == 2
    assert AuditEvent.objects.filter(action="catalog.service_published", actor=admin).exists()


def test_edit_breaking_the_schema_is_refused(loaded, make_staff, client):
    admin = make_staff("admin_kabupaten", region="35.10", is_staff=True)
    login(client, admin)
    service = Service.objects.get(code="akta-kelahiran")
    url = f"/admin/catalog/service/{service.pk}/change/"
    data = form_data(client.get(url))
    data["management"] = '{"dasar_hukum": []}'
    response = client.post(url, data)
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "management" in errors and "'sarana_prasarana' is a required property" in errors
    assert service.versions.count() == 1


def test_publish_action_skips_services_out_of_scope(loaded, make_staff, client):
    jember = make_staff("admin_kabupaten", region="35.09", is_staff=True)
    login(client, jember)
    kia = Service.objects.get(code="kia")
    client.post("/admin/catalog/service/", {"action": "publish", "_selected_action": [kia.pk]})
    kia.refresh_from_db()
    assert kia.published_version is None


def test_agency_edit_is_audited_and_cannot_leave_the_scope(loaded, make_staff, client):
    admin = make_staff("admin_kabupaten", region="35.10", is_staff=True)
    login(client, admin)
    agency = Agency.objects.get(code="samsat")
    url = f"/admin/catalog/agency/{agency.pk}/change/"
    data = {
        "code": "samsat",
        "kind": "vertical",
        "name": agency.name,
        "short_name": "Samsat",
        "region": "35.10",
        "address": "",
        "phone": "0333-999",
        "email": "",
        "website": "",
        "is_mpp_tenant": "on",
    }
    assert client.post(url, data).status_code == 302
    agency.refresh_from_db()
    assert agency.phone == "0333-999"
    event = AuditEvent.objects.get(action="admin.change", object_id=str(agency.pk))
    assert event.actor == admin and event.region_code == "35.10"
    # Moving the agency to Jember would take it out of the editor's reach.
    assert client.post(url, {**data, "region": "35.09"}).status_code == 403
    agency.refresh_from_db()
    assert agency.region_id == "35.10"
