"""resident_search and friends: the scope is always applied; names match loosely."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balai.people.models import Family
from balai.people.selectors import family_get, resident_get, resident_search, villages_in_scope
from tests.fixtures import OTHER_REGENCY_VILLAGE, OTHER_VILLAGE, VILLAGE

NAME = "Siti Nur Aminah"


@pytest.fixture
def setup(make_staff, make_resident):
    viewer = make_staff("operator_kecamatan", region="35.10.05")
    siti = make_resident(name=NAME, sex="P")
    budi = make_resident(village=OTHER_VILLAGE, name="Budi")
    far = make_resident(village=OTHER_REGENCY_VILLAGE, name=NAME, sex="P")
    return viewer, siti, budi, far


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_name_search_ignores_case_and_spacing(setup, data):
    viewer, siti, _, far = setup
    query = "".join(
        (ch.upper() if data.draw(st.booleans()) else ch.lower())
        + data.draw(st.sampled_from(["", " ", "  "]))
        for ch in NAME.replace(" ", "")
    )
    found = list(resident_search(viewer=viewer, query=query))
    # The same name in another regency is never found: the scope applies first.
    assert found == [siti]
    assert far not in found


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cut=st.integers(min_value=1, max_value=16))
def test_a_nik_prefix_finds_the_resident(setup, cut):
    viewer, siti, _, _ = setup
    found = list(resident_search(viewer=viewer, query=siti.nik[:cut]))
    assert siti in found
    assert all(r.nik.startswith(siti.nik[:cut]) for r in found)


def test_getters_return_none_out_of_scope(setup, regions):
    viewer, siti, budi, far = setup
    assert resident_get(viewer=viewer, pk=siti.pk) == siti
    assert resident_get(viewer=viewer, pk=budi.pk) == budi
    assert resident_get(viewer=viewer, pk=far.pk) is None
    family = Family.objects.create(
        regency_code="35.09", kk_number="3509012003150001", village_id=OTHER_REGENCY_VILLAGE
    )
    assert family_get(viewer=viewer, pk=family.pk) is None


def test_villages_in_scope_are_the_districts_villages(setup):
    viewer = setup[0]
    codes = set(villages_in_scope(viewer=viewer).values_list("code", flat=True))
    assert VILLAGE in codes and OTHER_VILLAGE in codes
    assert all(code.startswith("35.10.05.") for code in codes)


def test_search_is_lazy_and_pages_in_the_database(setup):
    viewer = setup[0]
    query = resident_search(viewer=viewer, query="")
    sql = str(query[:25].query).upper()
    assert "LIMIT" in sql
