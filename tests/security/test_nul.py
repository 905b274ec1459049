"""A NUL character anywhere in a request is refused once, with a 400, before any view runs:
PostgreSQL text cannot hold one, and path after path ended in a server error."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/layanan/?q=akta%00",
        "/api/v1/catalog/services?q=%00",
        "/api/v1/regions/35.10%00",
        "/wilayah/?q=%00",
        "/dasbor/?desa=35.10.05.2001%00",
        "/antrian/papan/mpp%00/",
    ],
)
def test_nul_in_path_or_query_is_a_400(client, db, url):
    response = client.get(url)
    assert response.status_code == 400


def test_nul_in_an_api_query_answers_the_api_error_shape(client, db):
    response = client.get("/api/v1/catalog/services?q=%00")
    assert response.status_code == 400
    assert response.json()["code"] == "nul_character"


def test_nul_in_a_form_is_a_400(client, db):
    response = client.post("/suara/pengaduan/baru/", {"text": "keluhan\x00", "category": "x"})
    assert response.status_code == 400


def test_nul_in_a_json_body_is_a_400(client, db):
    response = client.post(
        "/api/v1/queue/tickets",
        data=json.dumps({"service_point": "mpp\u0000"}),
        content_type="application/json",
    )
    assert response.status_code == 400


def test_files_may_hold_nul_bytes_but_their_fields_may_not(client, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\x00\x00binary", content_type="application/pdf")
    response = client.post("/akun/masuk/", {"username": "sri", "password": "x", "file": pdf})
    assert response.status_code == 200
    pdf.seek(0)
    response = client.post("/akun/masuk/", {"username": "sri\x00", "password": "x", "file": pdf})
    assert response.status_code == 400
