"""Each service point's own hours and days run the SLA clock: an MPP open on Saturday, a market
desk in market hours, cuti bersama open unless the point says otherwise (SKB 3 Menteri)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from balai.cases.holidays import bundled_year, holiday_years_missing, holidays_load
from balai.cases.models import Holiday
from balai.cases.sla import (
    WorkCalendar,
    add_working_days,
    add_working_minutes,
    week_from_hours,
    work_calendar,
    working_minutes_between,
)

WIB = ZoneInfo("Asia/Jakarta")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
# MPP Banyuwangi's pattern: a shorter weekday than a village office, and Saturday mornings.
MPP_HOURS = {**{d: ["08:00", "15:00"] for d in WEEKDAYS}, "sat": ["08:00", "12:00"]}
# A desk inside a market keeps the market's morning hours, six days a week.
MARKET_HOURS = {d: ["06:00", "11:00"] for d in (*WEEKDAYS, "sat")}


def at(y, m, d, h=10, minute=0):
    return dt.datetime(y, m, d, h, minute, tzinfo=WIB)


class Point:
    """The three fields of a ServicePoint the clock reads."""

    def __init__(self, hours=None, closed_on_cuti_bersama=False):
        self.timezone = "Asia/Jakarta"
        self.weekly_hours = hours or {}
        self.closed_on_cuti_bersama = closed_on_cuti_bersama


MPP = WorkCalendar(tz=WIB, week=week_from_hours(MPP_HOURS))
VILLAGE = WorkCalendar(tz=WIB)
MARKET = WorkCalendar(tz=WIB, week=week_from_hours(MARKET_HOURS))


def test_the_mpp_works_on_saturday_and_the_village_office_does_not():
    friday_afternoon = at(2026, 10, 2, 14)  # Friday
    # Four office hours: one on Friday, then the MPP's Saturday morning.
    assert add_working_minutes(friday_afternoon, 240, MPP) == at(2026, 10, 3, 11)
    # The village office has two hours left on Friday and opens again on Monday.
    assert add_working_minutes(friday_afternoon, 240, VILLAGE) == at(2026, 10, 5, 10)
    # A one-day standard filed on Friday is due on Saturday at the MPP's Saturday closing.
    assert add_working_days(friday_afternoon, 1, MPP) == at(2026, 10, 3, 12)
    assert add_working_days(friday_afternoon, 1, VILLAGE) == at(2026, 10, 5, 16)


def test_the_mpp_closes_earlier_than_a_village_office():
    assert add_working_minutes(at(2026, 10, 5, 14, 30), 60, MPP) == at(2026, 10, 6, 8, 30)
    assert add_working_minutes(at(2026, 10, 5, 14, 30), 60, VILLAGE) == at(2026, 10, 5, 15, 30)


def test_a_market_desk_keeps_market_hours():
    assert add_working_minutes(at(2026, 10, 5, 10, 30), 60, MARKET) == at(2026, 10, 6, 6, 30)
    assert add_working_minutes(at(2026, 10, 3, 5), 30, MARKET) == at(2026, 10, 3, 6, 30)  # Sat
    assert working_minutes_between(at(2026, 10, 5, 5), at(2026, 10, 5, 13), MARKET) == 300


@pytest.mark.django_db
def test_cuti_bersama_is_open_unless_the_point_says_otherwise():
    # Friday 15 May 2026 is cuti bersama (Kenaikan Yesus Kristus); Thursday 14 is a holiday.
    thursday_holiday = at(2026, 5, 13, 10)  # Wednesday before
    open_point = work_calendar(service_point=Point(MPP_HOURS))
    closed_point = work_calendar(service_point=Point(MPP_HOURS, closed_on_cuti_bersama=True))
    assert dt.date(2026, 5, 15) in open_point.cuti_bersama
    assert open_point.is_working_day(dt.date(2026, 5, 15))
    assert not open_point.is_working_day(dt.date(2026, 5, 14))
    assert add_working_days(thursday_holiday, 1, open_point).date() == dt.date(2026, 5, 15)
    assert add_working_days(thursday_holiday, 1, closed_point).date() == dt.date(2026, 5, 16)
    village = work_calendar(service_point=Point())  # the office week, cuti bersama open
    assert add_working_days(thursday_holiday, 2, village).date() == dt.date(2026, 5, 18)


def test_hours_are_checked():
    with pytest.raises(ValueError):
        week_from_hours({"mon": ["15:00", "08:00"]})
    assert week_from_hours({}) is None


@pytest.mark.django_db
def test_bundled_holidays_load_once_with_their_decree():
    Holiday.objects.filter(date__year=2026).delete()
    data = bundled_year(2026)
    first = holidays_load(actor=None, data=data)
    assert (first["created"], first["updated"]) == (25, 0)
    assert holidays_load(actor=None, data=data) == {"year": 2026, "created": 0, "updated": 0}
    eve = Holiday.objects.get(date=dt.date(2026, 12, 24))
    assert eve.kind == "cuti_bersama" and "1497 Tahun 2025" in eve.decree
    call_command("holidays-load", "--year", "2026")
    assert Holiday.objects.filter(date__year=2026).count() == 25


@pytest.mark.django_db
def test_december_without_next_years_days_is_reported(capsys):
    assert holiday_years_missing(today=dt.date(2026, 11, 30)) == []
    assert holiday_years_missing(today=dt.date(2026, 12, 1)) == [2027]
    Holiday.objects.create(date=dt.date(2027, 1, 1), name="Tahun Baru 2027", kind="national")
    assert holiday_years_missing(today=dt.date(2026, 12, 1)) == []


# --- properties -----------------------------------------------------------------------------
times = st.sampled_from([dt.time(h, m) for h in range(5, 18) for m in (0, 30)])


@st.composite
def weeks(draw):
    """A week of 1–7 open days with random hours, as a point's weekly_hours."""
    hours = {}
    for name in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        if draw(st.booleans()):
            a, b = sorted(draw(st.lists(times, min_size=2, max_size=2, unique=True)))
            hours[name] = [a.isoformat("minutes"), b.isoformat("minutes")]
    if not hours:
        hours["mon"] = ["08:00", "16:00"]
    return hours


days_off = st.frozensets(
    st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31)), max_size=30
)
starts = st.datetimes(
    min_value=dt.datetime(2026, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive by design
    max_value=dt.datetime(2026, 10, 31),  # noqa: DTZ001
    timezones=st.just(WIB),
)


@given(weeks(), days_off, days_off, st.booleans(), starts, st.integers(0, 3000))
def test_working_minutes_land_in_the_points_hours_and_measure_back(
    hours, holidays, cuti, closed_on_cuti, start, minutes
):
    cal = WorkCalendar(
        tz=WIB,
        week=week_from_hours(hours),
        holidays=holidays,
        cuti_bersama=cuti,
        closed_on_cuti_bersama=closed_on_cuti,
    )
    due = add_working_minutes(start, minutes, cal)
    local = due.astimezone(WIB)
    assert cal.is_working_day(local.date())
    opens, closes = cal.hours(local.date())
    assert opens <= local.time() <= closes
    assert working_minutes_between(start, due, cal) == minutes


@given(weeks(), days_off, starts, st.integers(0, 2000), st.integers(0, 2000))
def test_working_minutes_are_monotonic_and_additive(hours, holidays, start, a, b):
    cal = WorkCalendar(tz=WIB, week=week_from_hours(hours), holidays=holidays)
    lo, hi = sorted((a, b))
    assert add_working_minutes(start, lo, cal) <= add_working_minutes(start, hi, cal)
    if a > 0 and b > 0:  # a zero step at closing time moves on to the next opening
        middle = add_working_minutes(start, a, cal)
        assert add_working_minutes(middle, b, cal) == add_working_minutes(start, a + b, cal)


@given(weeks(), days_off, starts, st.integers(1, 20))
def test_working_days_land_on_open_days_at_closing(hours, holidays, start, n):
    cal = WorkCalendar(tz=WIB, week=week_from_hours(hours), holidays=holidays)
    due = add_working_days(start, n, cal).astimezone(WIB)
    assert cal.is_working_day(due.date())
    assert due.time() == cal.hours(due.date())[1]


@pytest.mark.django_db
def test_balai_check_says_so_loudly(monkeypatch):
    from balai.cases import checks

    monkeypatch.setattr(checks.timezone, "localdate", lambda: dt.date(2026, 12, 5))
    Holiday.objects.filter(date__year=2027).delete()
    messages = checks.holidays_loaded()
    assert [m.id for m in messages] == ["cases.W001"]
    assert "HARI LIBUR 2027 BELUM DIMUAT" in messages[0].msg
