"""The API: intake with files in one multipart request, then the bill, cash and a waiver."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from balai.accounts.services import token_create
from balai.cases.models import Case
from balai.catalog.models import Agency, ServicePoint
from tests.cases.files import image_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


def _api(user) -> Client:
    key = token_create(actor=None, user=user, name="t").key
    return Client(headers={"Authorization": f"Bearer {key}"})


@pytest.fixture
def staff(catalog, make_staff):
    point = ServicePoint.objects.get(code="mpp-banyuwangi")
    return (
        make_staff("petugas_loket", service_point=point),
        make_staff("petugas_instansi", agency=Agency.objects.get(code="samsat")),
    )


def _file(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_multipart_intake_files_and_bill(staff, make_resident):
    loket, officer = staff
    resident = make_resident()
    body = {
        "service": "pajak-kendaraan-tahunan",
        "applicant_nik": resident.nik,
        "channel": "mpp_counter",
        "service_point": "mpp-banyuwangi",
    }
    api = _api(loket)
    response = api.post(
        "/api/v1/cases/multipart",
        {
            "data": json.dumps(body),
            "files": [_file(pdf_bytes(), "stnk.pdf"), _file(image_bytes("PNG"), "ktp.png")],
            "requirements": ["stnk"],
        },
        headers={"Idempotency-Key": "kiosk-0001"},
    )
    assert response.status_code == 201, response.content
    case = Case.objects.get(pk=response.json()["id"])
    assert case.requirements.get(code="stnk").status == "uploaded"
    assert sorted(a.requirement_code for a in case.attachments.all()) == ["", "stnk"]
    files = api.get(f"/api/v1/cases/{case.pk}/attachments").json()
    assert {f["name"] for f in files} == {"stnk.pdf", "ktp.png"}

    bill = api.get(f"/api/v1/payments/cases/{case.pk}").json()
    assert (bill["amount"], bill["status"], bill["may_collect"], bill["may_waive"]) == (
        250000,
        "open",
        True,
        False,
    )
    no_gateway = api.post(f"/api/v1/payments/cases/{case.pk}/virtual-account")
    assert (no_gateway.status_code, no_gateway.json()["code"]) == (409, "gateway_not_configured")
    refused = api.post(
        f"/api/v1/payments/cases/{case.pk}/waiver",
        {"reason": "Warga kurang mampu sekali"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    waived = _api(officer).post(
        f"/api/v1/payments/cases/{case.pk}/waiver",
        {"reason": "Warga kurang mampu sekali"},
        content_type="application/json",
    )
    assert (waived.status_code, waived.json()["status"]) == (200, "waived")
    cash = api.post(
        f"/api/v1/payments/cases/{case.pk}/cash",
        {"amount": 250000},
        content_type="application/json",
    )
    assert (cash.status_code, cash.json()["code"]) == (409, "bill_settled")


def test_a_bad_file_refuses_the_multipart_intake(staff, make_resident):
    loket, _officer = staff
    body = {
        "service": "pajak-kendaraan-tahunan",
        "applicant_nik": make_resident().nik,
        "channel": "mpp_counter",
        "service_point": "mpp-banyuwangi",
    }
    response = _api(loket).post(
        "/api/v1/cases/multipart",
        {"data": json.dumps(body), "files": [_file(b"#!/bin/sh\nrm -rf /", "stnk.pdf")]},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "file_type_not_allowed"
    assert response.json()["details"] == {"file": "stnk.pdf"}
    assert not Case.objects.exists()


def test_the_public_reference_check(client, staff, make_resident):
    assert client.get("/api/v1/payments/check/3510000000000000").json()["code"] == (
        "invalid_reference"
    )
