"""Balai's own 404 and 500 pages, in Indonesian, also with DEBUG on."""

from __future__ import annotations

import pytest
from django.urls import path

from balai import urls as balai_urls

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("rusak")


urlpatterns = [path("rusak/", _boom), *balai_urls.urlpatterns]
handler404 = balai_urls.handler404
handler500 = balai_urls.handler500


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize("url", ["/tidak-ada/sama-sekali/", "/tidak-ada", "/en/tidak-ada/"])
def test_an_unknown_address_gets_balais_404_in_every_mode(client, settings, debug, url):
    settings.DEBUG = debug
    response = client.get(url, follow=True)
    assert response.status_code == 404
    body = response.content.decode()
    assert ("Not found" if url.startswith("/en/") else "Tidak ditemukan") in body
    assert "URLconf" not in body and "urlpatterns" not in body


@pytest.mark.parametrize("debug", [True, False])
def test_a_view_raising_404_gets_balais_page(client, settings, debug):
    settings.DEBUG = debug
    response = client.get("/antrian/papan/tidak-ada/")
    assert response.status_code == 404
    assert "Tidak ditemukan" in response.content.decode()


def test_an_unknown_api_address_answers_the_api_error_body(client, settings):
    settings.DEBUG = True
    response = client.get("/api/v1/tidak-ada/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_missing_slash_is_still_added(client):
    response = client.get("/permohonan")
    assert response.status_code == 301 and response["Location"] == "/permohonan/"


@pytest.mark.parametrize("debug", [True, False])
def test_a_server_error_gets_balais_500_without_a_traceback(client, settings, debug):
    settings.DEBUG = debug
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    response = client.get("/rusak/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Terjadi kesalahan" in body
    assert "Traceback" not in body and "RuntimeError" not in body
