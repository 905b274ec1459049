"""Region lookup: names match ignoring case and spacing, ranked exact > prefix > contains."""

from __future__ import annotations

from balai.regions.selectors import region_get, region_search


def names(regions) -> list[str]:
    return [r.name for r in regions]


def test_region_get(regions):
    assert region_get("35.10.05").name == "Muncar"
    assert region_get("35.10.99") is None


def test_search_ignores_case_and_spacing(regions):
    for query in ("banyu wangi", "BANYUWANGI", " Banyu-wangi "):
        found = region_search(query, level="regency")
        assert names(found) == ["Kabupaten Banyuwangi"], query


def test_ranking_exact_then_prefix_then_contains(regions):
    found = list(region_search("banyuwangi"))
    # The district named exactly Banyuwangi comes before the regency that merely contains it.
    assert [(r.code, r.rank) for r in found] == [("35.10.16", 0), ("35.10", 2)]


def test_prefix_before_contains(regions):
    found = list(region_search("kali", level="district", within="35.10"))
    assert [r.name for r in found] == ["Kalibaru", "Kalipuro"]
    villages = list(region_search("sari", level="village", within="35.09", limit=100))
    assert (villages[0].name, villages[0].rank) == ("Sarimulyo", 1)
    assert len(villages) > 5 and {r.rank for r in villages[1:]} == {2}


def test_within_and_limit(regions):
    assert all(r.code.startswith("35.09.") for r in region_search("a", within="35.09"))
    assert len(region_search("a", limit=5)) == 5
    assert list(region_search("   ")) == []
