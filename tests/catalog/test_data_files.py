"""Rules the shipped catalog files keep beyond the schema: read straight from the YAML.

These are content rules (the loader checks references and shape): everyday words find a
service, the register stands in only for KK/KTP copies, a fee without a regulation says it
is an example, village letters are free and each has its own document type, and a service
point only offers what its tenants provide.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from balai.catalog.loading import DATA_DIR

# Words people actually type or say at the counter, each of which must reach a service.
EVERYDAY_QUERIES = [
    "ktp hilang",
    "akta lahir",
    "surat miskin",
    "izin usaha",
    "bikin kk",
    "perpanjang sim",
    "paspor baru",
    "bpjs bayi",
    "balik nama motor",
    "sertifikat tanah",
    "pindah domisili",
    "kartu nelayan",
    "npwp",
    "pasang listrik",
    "sambung air",
    "pbb",
    "skck",
    "nikah",
    "kartu kuning",
    "akta kematian",
    "keterangan tidak mampu",
    "izin keramaian",
    "ahli waris",
]
REGISTER_COPIES = {"ktp", "kk", "ktp_wali"}


@cache
def _files() -> dict[str, dict[str, Any]]:
    skipped = {"schema", "examples"}
    return {
        p.relative_to(DATA_DIR).as_posix(): yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted(DATA_DIR.rglob("*.yaml"))
        if not skipped.intersection(p.relative_to(DATA_DIR).parts)
    }


def _services() -> list[dict[str, Any]]:
    return [s for data in _files().values() for s in data.get("services", [])]


def _agency_services() -> list[dict[str, Any]]:
    return [s for s in _services() if s["provider"] == "agency"]


def _letters() -> list[dict[str, Any]]:
    return _files()["village_letters.yaml"]["services"]


def _points() -> dict[str, dict[str, Any]]:
    return {p["code"]: p for p in _files()["service_points.yaml"]["service_points"]}


def _agencies() -> dict[str, dict[str, Any]]:
    return {a["code"]: a for a in _files()["agencies.yaml"]["agencies"]}


def test_each_agency_has_its_own_service_file():
    for name, data in _files().items():
        if name.startswith("services/"):
            agency = Path(name).stem
            assert agency in _agencies(), name
            assert {s["agency"] for s in data["services"]} == {agency}, name
    assert all(s["provider"] == "village" for s in _letters())


def test_service_codes_are_unique_across_files():
    codes = Counter(s["code"] for s in _services())
    assert [c for c, n in codes.items() if n > 1] == []


@pytest.mark.parametrize("query", EVERYDAY_QUERIES)
def test_everyday_words_reach_a_service(query):
    found = [s["code"] for s in _services() if query in [w.lower() for w in s["synonyms"]]]
    assert found, f"no service lists {query!r} among its synonyms"


@given(st.sampled_from(EVERYDAY_QUERIES), st.sampled_from(["", " ", "  "]))
def test_synonyms_are_clean_words(query, pad):
    # Synonyms are stored trimmed and lower-case, so a search that trims and lower-cases
    # the citizen's query finds them exactly.
    typed = (pad + query.upper() + pad).strip().lower()
    assert any(typed in s["synonyms"] for s in _services())
    for s in _services():
        assert all(w == w.strip().lower() and w for w in s["synonyms"]), s["code"]


def test_the_register_stands_in_only_for_kk_and_ktp_copies():
    for s in _services():
        for req in s["requirements"]:
            if req.get("satisfied_by") == "register":
                assert req["code"] in REGISTER_COPIES, (s["code"], req["code"])
                assert req["kind"] == "government_data", (s["code"], req["code"])


def test_a_fee_is_either_regulated_or_marked_as_an_example():
    for s in _services():
        fee = s["fee"]
        assert fee.get("legal_basis"), s["code"]
        if fee["amount"] > 0 and not fee.get("example"):
            # A real charged amount must name the regulation that sets it.
            basis = fee["legal_basis"]
            assert any(k in basis for k in ("PP ", "UU ", "Perma", "Permen")), s["code"]


def test_village_letters_are_free_and_offered_everywhere():
    for s in _letters():
        assert s["fee"]["amount"] == 0, s["code"]
        assert {"village_office", "kiosk", "online"} <= set(s["channels"]), s["code"]
        assert s["service_points"] == ["all_village_offices"], s["code"]
        assert s["workflow"] in {"village_letter", "village_letter_camat"}, s["code"]
    by_code = {s["code"]: s for s in _letters()}
    # The camat co-signs inheritance and removal papers.
    assert by_code["surat-keterangan-ahli-waris"]["workflow"] == "village_letter_camat"
    # Abolished or moved elsewhere: kept as retired entries that say where to go instead.
    for gone in (
        "surat-pengantar-pindah",  # Dukcapil issues the SKPWNI directly (Permendagri 108/2019)
        "surat-pengantar-ktp-kk",
        "surat-keterangan-jual-beli-tanah",  # before a PPAT (PP 24/1997 art. 37)
    ):
        assert by_code[gone]["status"] == "retired", gone
    for added in (
        "surat-keterangan-tidak-sengketa",
        "surat-pernyataan-penguasaan-fisik",
        "surat-keterangan-ktp-el-dalam-proses",
    ):
        assert by_code[added]["status"] == "published", added
    assert by_code["surat-keterangan-domisili"]["workflow"] == "village_letter"
    sktm = by_code["surat-keterangan-tidak-mampu"]
    assert {"surat miskin", "keterangan tidak mampu"} <= set(sktm["synonyms"])


def test_each_village_letter_has_its_own_document_type():
    types = Counter(s["product"]["document_type"] for s in _letters())
    assert len(types) >= 30
    assert [t for t, n in types.items() if n > 1] == []


def test_a_service_point_offers_only_its_tenants_services():
    points, agencies = _points(), _agencies()
    assert set(points["mpp-banyuwangi"]["agencies"]) == {
        code for code, a in agencies.items() if a.get("mpp")
    }
    for s in _agency_services():
        for code in set(s["service_points"]) - {"all_village_offices"}:
            assert s["agency"] in points[code]["agencies"], (s["code"], code)
        if "mpp-banyuwangi" in s["service_points"]:
            assert "mpp" in s["channels"], s["code"]
        if {"pasar-genteng", "pasar-rogojampi"} & set(s["service_points"]):
            assert "market_desk" in s["channels"], s["code"]


def test_no_two_services_share_one_standard():
    # Services are written one by one: no two carry the same requirements, procedure and fee.
    seen: dict[str, str] = {}
    for s in _services():
        key = yaml.safe_dump([s["requirements"], s["procedure"], s["fee"]], sort_keys=True)
        assert key not in seen, (s["code"], seen.get(key))
        seen[key] = s["code"]


def test_the_split_across_agencies_looks_like_the_mall():
    at_mpp = Counter(
        s["agency"] for s in _agency_services() if "mpp-banyuwangi" in s["service_points"]
    )
    assert sum(at_mpp.values()) == 237
    assert len(at_mpp) == 24
    # Civil registration and licensing are the big counters, as at the real mall.
    biggest = {code for code, _ in at_mpp.most_common(2)}
    assert biggest == {"dispendukcapil", "dpmptsp"}
