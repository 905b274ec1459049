"""The public catalog pages: no login, published standards only, clear refusals."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from balai.catalog.loading import catalog_load
from balai.catalog.models import Service
from balai.catalog.services import service_retire
from balai.catalog.views import PAGE_SIZE, fee_text, rupiah

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(regions, small_catalog):
    catalog_load(actor=None, directory=small_catalog)


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def result_codes(response) -> list[str]:
    return re.findall(r'class="cat-item-name" href="/layanan/([^/]+)/"', response.content.decode())


@pytest.mark.parametrize(
    ("amount", "shown"),
    [(0, "Gratis"), (500, "Rp500"), (30000, "Rp30.000"), (1500000, "Rp1.500.000")],
)
def test_fee_is_free_or_rupiah_in_indonesian_style(amount, shown):
    assert fee_text(amount) == shown


@given(st.integers(min_value=1, max_value=10**15))
def test_rupiah_groups_digits_by_three_with_dots(amount):
    shown = rupiah(amount)
    assert shown.startswith("Rp")
    groups = shown[2:].split(".")
    assert int("".join(groups)) == amount
    assert 1 <= len(groups[0]) <= 3
    assert all(len(g) == 3 for g in groups[1:])


def test_home_lists_and_searches_published_services_without_login(client, loaded):
    response = client.get("/layanan/")
    assert response.status_code == 200
    codes = result_codes(response)
    assert set(codes) == {
        "akta-kelahiran",
        "pajak-kendaraan-tahunan",
        "sk-domisili",
        "sk-kelahiran",
        "sk-ahli-waris",
    }
    # A draft is not public.
    assert "kia" not in codes
    response = client.get("/layanan/", {"q": "akte lahir"})
    assert result_codes(response)[0] == "akta-kelahiran"
    assert "layanan ditemukan" in text(response)
    response = client.get("/layanan/", {"q": "zzqx"})
    assert result_codes(response) == []
    assert "Tidak ada layanan yang cocok" in text(response)


def test_filters_refusals_and_pages(client, loaded, regions):
    assert result_codes(client.get("/layanan/", {"instansi": "samsat"})) == [
        "pajak-kendaraan-tahunan"
    ]
    by_event = result_codes(client.get("/layanan/", {"peristiwa": "kelahiran"}))
    assert set(by_event) == {"akta-kelahiran", "sk-kelahiran"}
    at_market = result_codes(client.get("/layanan/", {"tempat": "pasar-rogojampi"}))
    assert at_market == ["akta-kelahiran"]
    office = "kantor-desa-35.10.05.2001"
    at_office = result_codes(client.get("/layanan/", {"tempat": office}))
    assert set(at_office) == {"sk-domisili", "sk-kelahiran", "sk-ahli-waris"}
    response = client.get("/layanan/", {"peristiwa": "bukan-peristiwa"})
    assert response.status_code == 200
    assert result_codes(response) == []
    assert "Pilihan saringan tidak dikenal" in text(response)
    response = client.get("/layanan/", {"q": "surat", "halaman": "99"})
    # Past the last page shows the last page, never an error.
    assert response.status_code == 200
    assert result_codes(response)
    assert PAGE_SIZE >= 10


def test_home_query_count_is_pinned(client, loaded, django_assert_max_num_queries):
    client.get("/layanan/")  # builds the search index once for this process
    with django_assert_max_num_queries(8):
        client.get("/layanan/", {"q": "surat"})


def test_service_pages_show_the_published_standard(client, loaded):
    response = client.get("/layanan/akta-kelahiran/")
    assert response.status_code == 200
    page = text(response)
    assert "Penerbitan Akta Kelahiran" in page
    # What the register or an earlier Balai letter proves is not asked for on paper.
    held = re.findall(r'class="cat-req-held">\s*<span class="cat-req-name">([^<]+)<', page)
    assert held == ["Kartu Keluarga", "Surat keterangan kelahiran dari desa"]
    bring = re.findall(r'class="cat-req-bring">\s*<span class="cat-req-name">([^<]+)<', page)
    assert bring == ["Surat keterangan kelahiran"]
    assert page.count("tidak perlu dibawa — data sudah ada di Balai") == 2
    assert "Gratis" in page
    assert "UU 24/2013 pasal 79A" in page
    assert "1 hari kerja" in page and "contoh" in page
    assert "Kutipan Akta Kelahiran" in page
    assert "Mal Pelayanan Publik Banyuwangi" in page
    assert "Pasar Pelayanan Publik Rogojampi" in page
    assert "Loket pengaduan MPP." in page
    assert "Ajukan permohonan." in page
    page = text(client.get("/layanan/pajak-kendaraan-tahunan/"))
    assert "Rp250.000" in page
    assert "Perda Pajak Daerah" in page
    assert 'Rp250.000 <span class="badge warn">contoh</span>' in page
    page = text(client.get("/layanan/sk-domisili/"))
    assert "Semua kantor desa/kelurahan" in page


def test_draft_retired_and_unknown_services_are_not_found(client, loaded):
    assert client.get("/layanan/kia/").status_code == 404
    assert client.get("/layanan/tidak-ada/").status_code == 404
    service_retire(actor=None, service=Service.objects.get(code="sk-domisili"))
    response = client.get("/layanan/sk-domisili/")
    assert response.status_code == 404
    assert "Surat Keterangan Domisili" not in text(response)


def test_agency_pages_and_maklumat(client, loaded):
    listing = text(client.get("/layanan/instansi/"))
    assert "Dinas Kependudukan dan Pencatatan Sipil" in listing
    page = text(client.get("/layanan/instansi/dispendukcapil/"))
    assert "Penerbitan Akta Kelahiran" in page
    assert reverse("catalog:maklumat", args=["dispendukcapil"]) in page
    maklumat = client.get("/layanan/instansi/dispendukcapil/maklumat/")
    body = text(maklumat)
    assert "MAKLUMAT PELAYANAN" in body
    assert "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL" in body
    assert "SANGGUP MENYELENGGARAKAN PELAYANAN SESUAI STANDAR PELAYANAN" in body
    assert "Kepala Dinas Kependudukan dan Pencatatan Sipil" in body
    assert "NIP." in body
    assert "catalog/maklumat.css" in body
    assert client.get("/layanan/instansi/tidak-ada/").status_code == 404
    assert client.get("/layanan/instansi/tidak-ada/maklumat/").status_code == 404


def test_no_inline_script_or_style_and_english_through_the_prefix(client, loaded):
    for url in (
        "/layanan/",
        "/layanan/?q=akta",
        "/layanan/akta-kelahiran/",
        "/layanan/instansi/",
        "/layanan/instansi/samsat/",
        "/layanan/instansi/samsat/maklumat/",
    ):
        html = client.get(url).content.decode()
        assert " style=" not in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
    page = text(client.get("/en/layanan/akta-kelahiran/"))
    assert "What to bring" in page
    assert "Free" in page
    assert "no need to bring it — Balai already holds this data" in page
    home = text(client.get("/en/layanan/"))
    assert "Public services" in home
