"""NIK and KK rules (DESIGN.md, "Rules of the domain"), held by generated numbers."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from balai.people.nik import (
    InvalidNumber,
    kk_compose,
    kk_errors,
    kk_parse,
    mask_nik,
    nik_agreement_errors,
    nik_compose,
    nik_errors,
    nik_parse,
)

TODAY = dt.date(2026, 11, 29)
DISTRICTS = frozenset({"35.10.05", "35.10.01", "35.09.01", "11.01.01"})

districts = st.sampled_from(sorted(DISTRICTS))
birth_dates = st.dates(min_value=TODAY.replace(year=TODAY.year - 99), max_value=TODAY)
sexes = st.sampled_from(["L", "P"])
serials = st.integers(min_value=1, max_value=9999)


def codes(errors) -> list[str]:
    return [e.code for e in errors]


@given(district=districts, birth_date=birth_dates, sex=sexes, serial=serials)
def test_composed_nik_parses_back_to_its_parts(district, birth_date, sex, serial):
    nik = nik_compose(district_code=district, birth_date=birth_date, sex=sex, serial=serial)
    info = nik_parse(nik, districts=DISTRICTS, today=TODAY)
    assert len(nik) == 16 and nik.isdigit()
    assert (info.district_code, info.birth_date, info.sex, info.serial) == (
        district,
        birth_date,
        sex,
        serial,
    )


@given(birth_date=birth_dates, serial=serials)
def test_womens_day_carries_forty(birth_date, serial):
    nik = nik_compose(district_code="35.10.05", birth_date=birth_date, sex="P", serial=serial)
    assert int(nik[6:8]) == birth_date.day + 40
    assert nik_parse(nik, districts=DISTRICTS, today=TODAY).birth_date.day == birth_date.day


@given(st.text(max_size=30).filter(lambda s: len(s.strip()) != 16))
def test_anything_not_sixteen_long_fails_on_length(text):
    assert codes(nik_errors(text, districts=DISTRICTS, today=TODAY)) == ["length"]
    assert codes(kk_errors(text, districts=DISTRICTS, today=TODAY)) == ["length"]


@given(st.text(min_size=16, max_size=16))
def test_sixteen_characters_not_all_digits_fail_on_digits(text):
    assume(text.strip() == text and not (text.isascii() and text.isdigit()))
    assert codes(nik_errors(text, districts=DISTRICTS, today=TODAY)) == ["digits"]


@given(
    day=st.integers(0, 99),
    month=st.integers(0, 99),
    yy=st.integers(0, 99),
)
def test_impossible_dates_fail_on_date(day, month, yy):
    real_day = day - 40 if day > 40 else day
    possible = False
    for year in (2000 + yy, 1900 + yy):
        with contextlib.suppress(ValueError):
            possible = possible or dt.date(year, month, real_day) <= TODAY
    nik = f"351005{day:02d}{month:02d}{yy:02d}0001"
    assert ("date" in codes(nik_errors(nik, districts=DISTRICTS, today=TODAY))) is not possible


def test_leap_day_only_in_leap_years():
    assert nik_parse("3510052902000001", districts=DISTRICTS, today=TODAY).birth_date == dt.date(
        2000, 2, 29
    )
    assert codes(nik_errors("3510052902010001", districts=DISTRICTS, today=TODAY)) == ["date"]
    # 29-02-04 for a woman: day 69.
    assert nik_parse("3510056902040001", districts=DISTRICTS, today=TODAY).sex == "P"


def test_century_is_the_latest_not_in_the_future():
    assert nik_parse("3510050101250001", districts=DISTRICTS, today=TODAY).birth_date.year == 2025
    assert nik_parse("3510050101300001", districts=DISTRICTS, today=TODAY).birth_date.year == 1930
    # 30 Nov 26 is tomorrow in 2026, so 1926.
    assert nik_parse("3510053011260001", districts=DISTRICTS, today=TODAY).birth_date.year == 1926


def test_unknown_district_serial_zero_and_date_are_all_named():
    with pytest.raises(InvalidNumber) as caught:
        nik_parse("9999993202990000", districts=DISTRICTS, today=TODAY)
    assert codes(caught.value.errors) == ["region", "serial", "date"]
    assert all(e.message for e in caught.value.errors)


def test_messages_are_indonesian():
    assert nik_errors("123", districts=DISTRICTS, today=TODAY)[0].message == "NIK harus 16 digit."
    assert nik_errors("12345678901234ab", districts=DISTRICTS, today=TODAY)[0].as_dict() == {
        "code": "digits",
        "message": "NIK hanya boleh berisi angka.",
    }


def test_district_check_accepts_a_callable():
    nik = "3510050406850001"
    assert nik_errors(nik, districts=lambda code: code == "35.10.05", today=TODAY) == []
    assert codes(nik_errors(nik, districts=lambda code: False, today=TODAY)) == ["region"]


def test_district_check_defaults_to_the_region_table(regions):
    assert nik_parse("3510050406850001", today=TODAY).district_code == "35.10.05"
    # 35.10.05.2001 is a village, not a district: the prefix must name a district.
    assert codes(nik_errors("3520050406850001", today=TODAY)) == ["region"]


@given(nik=st.text(alphabet="0123456789", min_size=16, max_size=16))
def test_masking_never_shows_the_middle(nik):
    masked = mask_nik(nik)
    assert masked == nik[:4] + "********" + nik[-4:]
    assert nik[4:12] not in masked or nik[4:12] == "********"


@given(st.text(max_size=30).filter(lambda s: len(s) != 16))
def test_masking_odd_lengths_shows_nothing(text):
    assert set(mask_nik(text)) <= {"*"}


@given(district=districts, birth_date=birth_dates, sex=sexes, serial=serials, other=birth_dates)
def test_form_must_agree_with_nik(district, birth_date, sex, serial, other):
    nik = nik_compose(district_code=district, birth_date=birth_date, sex=sex, serial=serial)
    info = nik_parse(nik, districts=DISTRICTS, today=TODAY)
    assert nik_agreement_errors(info, birth_date=birth_date, sex=sex) == []
    flipped = "P" if sex == "L" else "L"
    got = codes(nik_agreement_errors(info, birth_date=other, sex=flipped))
    assert got == (["birth_date_mismatch"] if other != birth_date else []) + ["sex_mismatch"]


@given(district=districts, recorded=birth_dates, serial=serials)
def test_kk_round_trips_without_forty(district, recorded, serial):
    kk = kk_compose(district_code=district, recorded_on=recorded, serial=serial)
    info = kk_parse(kk, districts=DISTRICTS, today=TODAY)
    assert (info.district_code, info.recorded_on, info.serial) == (district, recorded, serial)
    assert int(kk[6:8]) == recorded.day


@given(district=districts, recorded=birth_dates)
def test_kk_day_plus_forty_is_no_date(district, recorded):
    kk = kk_compose(district_code=district, recorded_on=recorded, serial=1)
    bad = kk[:6] + f"{recorded.day + 40:02d}" + kk[8:]
    assert codes(kk_errors(bad, districts=DISTRICTS, today=TODAY)) == ["date"]


def test_kk_rules_name_the_failing_part():
    assert codes(kk_errors("35100512", districts=DISTRICTS, today=TODAY)) == ["length"]
    assert codes(kk_errors("3510051201200000", districts=DISTRICTS, today=TODAY)) == ["serial"]
    assert codes(kk_errors("3599051201200001", districts=DISTRICTS, today=TODAY)) == ["region"]
    assert kk_errors("3510051201200001", districts=DISTRICTS, today=TODAY) == []
