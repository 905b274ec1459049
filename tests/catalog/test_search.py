"""Catalog search: everyday queries against the shipped catalog, the normaliser's rules, ranking,
filters, and the per-process index following the published catalog."""

from __future__ import annotations

from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balai.catalog.choices import ALL_VILLAGE_OFFICES
from balai.catalog.loading import DATA_DIR, catalog_load
from balai.catalog.models import Service
from balai.catalog.search import Filters, index_build, index_search, services_search
from balai.catalog.search_text import (
    STOP_WORDS,
    Synonym,
    normalize,
    synonyms_load,
    synonyms_parse,
)
from balai.catalog.services import service_publish, service_retire, service_revise
from balai.catalog.validation import catalog_read


@lru_cache(maxsize=1)
def shipped_index():
    """The index over the catalog Balai ships, read straight from its files."""
    catalog, problems = catalog_read(DATA_DIR)
    assert not problems
    agencies = {i.data["code"]: i.data for i in catalog.agencies}
    docs = []
    for item in catalog.services:
        s = item.data
        agency = agencies.get(s.get("agency"), {})
        points = s.get("service_points", [])
        docs.append(
            {
                "code": s["code"],
                "name": s["name"],
                "agency": s.get("agency") or "",
                "agency_names": [agency.get("name", ""), agency.get("short_name", "")],
                "category": s["category"],
                "description": s.get("description", ""),
                "life_events": s["life_events"],
                "synonyms": s.get("synonyms", []),
                "segments": s.get("segments", []),
                "points": [p for p in points if p != ALL_VILLAGE_OFFICES],
                "all_village_offices": ALL_VILLAGE_OFFICES in points,
            }
        )
    return index_build(docs)


# What citizens type at the kiosk, and the service they mean. The village letter and the
# agency service often both fit ("akta kematian"): the table names the one the query is for.
EVERYDAY = [
    ("ktp hilang", "dispendukcapil-ktp-el-hilang"),
    ("akta lahir", "dispendukcapil-akta-kelahiran"),
    ("surat miskin", "surat-keterangan-tidak-mampu"),
    ("izin usaha", "dpmptsp-nib-usaha-mikro"),
    ("bikin kk", "dispendukcapil-kk-baru"),
    ("perpanjang sim", "polresta-sim-c-perpanjangan"),
    ("skck", "polresta-skck-baru"),
    ("paspor", "imigrasi-paspor-baru"),
    ("bpjs bayi", "bpjs-kesehatan-daftar-bayi"),
    ("balik nama motor", "samsat-balik-nama-motor"),
    ("sertifikat tanah", "bpn-peralihan-jual-beli"),
    ("pindah domisili", "dispendukcapil-pindah-keluar"),
    ("kartu nelayan", "dinas-perikanan-kusuka"),
    ("npwp", "kpp-pratama-npwp-pribadi"),
    ("pasang listrik", "pln-pasang-baru"),
    ("sambung air pdam", "pdam-sambungan-baru"),
    ("bayar pbb", "bapenda-pbb-pembayaran"),
    ("nikah", "kemenag-nikah-kua"),
    ("kartu kuning", "disnakertransperin-ak1"),
    ("akta kematian", "dispendukcapil-akta-kematian"),
    ("surat domisili", "surat-keterangan-domisili"),
    ("keterangan usaha", "surat-keterangan-usaha"),
    ("Cara bikin E-KTP?", "dispendukcapil-ktp-el-baru"),
    ("syarat mengurus Kartu Keluarga hilang", "dispendukcapil-kk-hilang-rusak"),
    ("akte kelahiran", "dispendukcapil-akta-kelahiran"),
    ("surat keterangan tidak mampu", "surat-keterangan-tidak-mampu"),
    # typos and old spellings
    ("akta kelahrian", "dispendukcapil-akta-kelahiran"),
    ("pasport hilang", "imigrasi-paspor-hilang"),
    ("sertipikat tanah", "bpn-peralihan-jual-beli"),
    ("perpanjangan sim motor", "polresta-sim-c-perpanjangan"),
    ("pendaftran nikah", "kemenag-nikah-kua"),
    # prefixes, as typed before the word is finished
    ("balik nama mot", "samsat-balik-nama-motor"),
]


@pytest.mark.parametrize(("query", "code"), EVERYDAY)
def test_everyday_query_finds_its_service_in_the_top_three(query, code):
    assert code in shipped_index().by_code, f"{code} is not in the shipped catalog"
    assert code in index_search(shipped_index(), query)[:3]


def test_the_table_covers_at_least_twenty_different_services():
    assert len({code for _, code in EVERYDAY}) >= 20


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("surat-keterangan-tidak-mampu", "surat-keterangan-tidak-mampu"),
        ("Penerbitan Akta Kelahiran", "dispendukcapil-akta-kelahiran"),
        ("kusuka", "dinas-perikanan-kusuka"),
    ],
)
def test_exact_code_or_name_comes_first(query, code):
    assert index_search(shipped_index(), query)[0] == code


def test_short_abbreviations_never_match_by_typo():
    # "sktp" is one letter from "sktm", but they are different documents: no guess.
    assert "surat-keterangan-tidak-mampu" not in index_search(shipped_index(), "sktp")
    assert index_search(shipped_index(), "skcj") == []


def test_only_stop_words_lists_everything_in_name_order():
    everything = index_search(shipped_index(), "")
    assert index_search(shipped_index(), "cara bikin yang di") == everything
    names = [normalize(shipped_index().docs[shipped_index().by_code[c]].name) for c in everything]
    assert names == sorted(names)


def test_when_some_services_match_every_word_partial_matches_are_left_out():
    found = index_search(shipped_index(), "surat miskin")
    assert "legalisasi-surat-kuasa" not in found
    assert len(found) <= 5
    # No service knows "kemarin": the ones matching the other words are all there is.
    assert index_search(shipped_index(), "ktp hilang kemarin")[0] == "dispendukcapil-ktp-el-hilang"


def test_unknown_words_find_nothing():
    assert index_search(shipped_index(), "zzqx wvvy") == []


# --- Ranking rules on a small hand-made index --------------------------------------------------
def doc(code, name, **extra):
    return {"code": code, "name": name, "life_events": ["lainnya"], **extra}


def test_exact_name_then_synonym_then_name_token_then_description():
    index = index_build(
        [
            doc("in-description", "Layanan A", description="mengurus kapal nelayan"),
            doc("synonym-token", "Layanan B", synonyms=["kapal laut"]),
            doc("name-token", "Pendaftaran Kapal"),
            doc("whole-synonym", "Layanan C", synonyms=["kapal"]),
            doc("whole-name", "Kapal"),
        ]
    )
    assert index_search(index, "kapal") == [
        "whole-name",
        "whole-synonym",
        "name-token",
        "synonym-token",
        "in-description",
    ]


def test_equal_scores_keep_name_order_and_repeat_identically():
    index = index_build([doc(f"svc-{i}", f"Surat {name}") for i, name in enumerate("dcba")])
    first = index_search(index, "surat")
    assert first == ["svc-3", "svc-2", "svc-1", "svc-0"]
    assert all(index_search(index, "surat") == first for _ in range(3))


def test_filters_narrow_results():
    index = index_build(
        [
            doc("a", "Kartu Nelayan", agency="perikanan", segments=["nelayan"], points=["p1"]),
            doc("b", "Kartu Petani", agency="pertanian", segments=["petani"]),
            doc("c", "Kartu Desa", all_village_offices=True, life_events=["usaha"]),
        ]
    )
    assert index_search(index, "kartu", Filters(agency="perikanan")) == ["a"]
    assert index_search(index, "kartu", Filters(segment="petani")) == ["b"]
    assert index_search(index, "", Filters(life_event="usaha")) == ["c"]
    assert index_search(index, "", Filters(point="p1")) == ["a"]
    assert index_search(index, "", Filters(point="kantor-desa-x")) == []
    village = Filters(point="kantor-desa-x", point_is_village_office=True)
    assert index_search(index, "", village) == ["c"]


def test_reviewed_synonyms_load_and_every_phrase_is_normalised():
    table = synonyms_load()
    assert len(table) >= 20
    for entry in table:
        assert " ".join(entry.phrase) == normalize(" ".join(entry.phrase))
    assert synonyms_parse({"synonyms": [{"phrase": "Surat  Miskin!", "means": ["SKTM"]}]}) == [
        Synonym(phrase=("surat", "miskin"), means=(("sktm",),))
    ]


# --- The normaliser ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("KTP", "ktp"),
        ("e-KTP", "ktp"),
        ("KTP-el", "ktp"),
        ("ktp elektronik", "ktp"),
        ("Kartu Tanda Penduduk", "ktp"),
        ("kartu keluarga", "kk"),
        ("Akte", "akta"),
        ("Sertipikat", "sertifikat"),
        ("Surat Izin Mengemudi", "sim"),
        ("Nomor Induk Berusaha", "nib"),
        ("Pajak Bumi dan Bangunan", "pbb"),
        ("Nomor Pokok Wajib Pajak", "npwp"),
        ("Surat Keterangan Catatan Kepolisian", "skck"),
        ("surat keterangan tidak mampu", "sktm"),
        ("Kartu AK-1", "ak1"),
        ("gimana cara bikin SKTM di desa?", "sktm desa"),
        ("Séntra  Pelayanan!!", "sentra pelayanan"),
        ("cara", ""),
    ],
)
def test_normalise(text, normal):
    assert normalize(text) == normal


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalise_is_idempotent_on_any_unicode(text):
    once = normalize(text)
    assert normalize(once) == once
    assert once == once.strip()
    assert "  " not in once
    assert not set(once.split()) & STOP_WORDS


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aktpel-e kkartu keluarga ")), max_size=40))
def test_normalise_is_idempotent_on_abbreviation_soup(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_search_never_crashes_and_returns_known_codes(text):
    index = shipped_index()
    assert set(index_search(index, text)) <= set(index.by_code)


# --- The index of the published catalog -------------------------------------------------------
@pytest.mark.django_db
def test_index_follows_publishing_and_retiring(regions, small_catalog):
    catalog_load(actor=None, directory=small_catalog)
    assert services_search(query="akta kelahiran")[0] == "akta-kelahiran"
    assert services_search(query="akta lahir")[0] == "akta-kelahiran"

    service = Service.objects.get(code="akta-kelahiran")
    service_revise(actor=None, service=service, changes={"synonyms": ["surat bayi"]})
    # A draft is not public: the index still holds the published version.
    assert "akta-kelahiran" not in services_search(query="surat bayi")
    service_publish(actor=None, service=service)
    assert services_search(query="surat bayi")[0] == "akta-kelahiran"

    service_retire(actor=None, service=Service.objects.get(code="akta-kelahiran"))
    assert "akta-kelahiran" not in services_search(query="akta kelahiran")


@pytest.mark.django_db
def test_filter_by_village_office_lists_village_letters(regions, small_catalog):
    catalog_load(actor=None, directory=small_catalog)
    from balai.catalog.models import ServicePoint

    office = ServicePoint.objects.filter(kind="village_office").order_by("code").first()
    at_office = services_search(point=office.code)
    assert "sk-domisili" in at_office
    assert "akta-kelahiran" not in at_office
    assert services_search(point="mpp-banyuwangi")
    assert "sk-domisili" not in services_search(point="mpp-banyuwangi")
