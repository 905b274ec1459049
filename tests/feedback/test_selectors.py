"""IKM figures from the database equal the exact formula, inside each viewer's scope."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balai.feedback.ikm import ikm_compute
from balai.feedback.selectors import IkmFilters, ikm_by, ikm_report, survey_responses
from tests.fixtures import OTHER_VILLAGE, VILLAGE

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def admin(make_staff):
    return make_staff("admin_kabupaten", region="35.10")


def test_report_equals_the_exact_formula_on_the_same_rows(akta, mpp, admin, respond) -> None:
    rnd = random.Random(14_2017)
    rows = [tuple(rnd.randint(1, 4) for _ in range(9)) for _ in range(37)]
    for row in rows:
        respond(service=akta, scores=row, service_point=mpp)
    report = ikm_report(viewer=admin, filters=IkmFilters())
    expected = ikm_compute(rows=rows)
    assert report.result == expected
    assert report.sums == tuple(sum(r[i] for r in rows) for i in range(9))
    assert report.respondents == 37


def test_profile_counts_cover_every_category(akta, admin, respond) -> None:
    respond(service=akta, sex="L", education="s1", occupation="pns")
    respond(service=akta, sex="P", education="s1", occupation="swasta")
    respond(service=akta, sex="P", education="sd", occupation="swasta")
    report = ikm_report(viewer=admin, filters=IkmFilters())
    assert [(v, n) for v, _label, n in report.by_sex] == [("L", 1), ("P", 2)]
    assert dict((v, n) for v, _l, n in report.by_education) == {
        "sd": 1,
        "smp": 0,
        "sma": 0,
        "diploma": 0,
        "s1": 2,
        "s2_plus": 0,
    }
    assert dict((v, n) for v, _l, n in report.by_occupation)["swasta"] == 2


def test_each_viewer_sees_only_what_their_office_served(
    make_staff, make_resident, submit_letter, akta, mpp, jember_service, admin, respond
) -> None:
    village_case = submit_letter(make_resident())
    respond(case=village_case, scores=[1] * 9)
    respond(service=akta, service_point=mpp, scores=[4] * 9)
    respond(service=akta, scores=[3] * 9)
    respond(service=jember_service, scores=[2] * 9)

    def seen(user) -> int:
        return survey_responses(viewer=user, filters=IkmFilters()).count()

    assert seen(admin) == 3
    assert seen(make_staff("operator_desa", region=VILLAGE)) == 1
    assert seen(make_staff("kepala_desa", region=OTHER_VILLAGE)) == 0
    assert seen(make_staff("camat", region="35.10.05")) == 1
    assert seen(make_staff("petugas_instansi", agency=akta.agency)) == 2
    assert seen(make_staff("petugas_loket", service_point=mpp)) == 1
    assert seen(make_staff("admin_kabupaten", region="35.09")) == 1
    village_only = ikm_report(
        viewer=make_staff("kepala_desa", region=VILLAGE), filters=IkmFilters()
    )
    assert village_only.result.converted == 25


def test_people_without_the_permission_see_nothing(akta, respond, django_user_model) -> None:
    respond(service=akta)
    nobody = django_user_model.objects.create_user(username="warga", password="x" * 12)
    assert ikm_report(viewer=nobody, filters=IkmFilters()).result is None


def test_period_is_whole_local_days(akta, admin, respond) -> None:
    # 23:30 WIB on 31 March belongs to March even though it is 16:30 UTC.
    respond(service=akta, scores=[1] * 9, at=dt.datetime(2026, 3, 31, 23, 30, tzinfo=WIB))
    respond(service=akta, scores=[4] * 9, at=dt.datetime(2026, 4, 1, 0, 10, tzinfo=WIB))
    march = IkmFilters(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    april = IkmFilters(start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30))
    assert ikm_report(viewer=admin, filters=march).result.converted == 25
    assert ikm_report(viewer=admin, filters=april).result.converted == 100


def test_index_per_service_agency_and_point(akta, ktp, mpp, admin, respond) -> None:
    respond(service=akta, scores=[4] * 9, service_point=mpp)
    respond(service=akta, scores=[2] * 9)
    respond(service=ktp, scores=[3] * 9, service_point=mpp)
    by_service = {
        r.name: r.result for r in ikm_by(viewer=admin, filters=IkmFilters(), group="service")
    }
    assert {k: (v.respondents, v.converted) for k, v in by_service.items()} == {
        "Akta Kelahiran": (2, 75),
        "KTP Elektronik": (1, 75),
    }
    by_point = ikm_by(viewer=admin, filters=IkmFilters(), group="service_point")
    assert {r.key: r.result.respondents for r in by_point} == {None: 1, mpp.pk: 2}
    by_agency = ikm_by(viewer=admin, filters=IkmFilters(agency_id=akta.agency_id), group="agency")
    assert [(r.key, r.result.respondents) for r in by_agency] == [(akta.agency_id, 3)]


def test_report_query_count_does_not_grow_with_respondents(akta, admin, respond) -> None:
    for _ in range(3):
        respond(service=akta)
    ikm_report(viewer=admin, filters=IkmFilters())  # loads the viewer's assignments once
    with CaptureQueriesContext(connection) as small:
        ikm_report(viewer=admin, filters=IkmFilters())
    for _ in range(20):
        respond(service=akta)
    with CaptureQueriesContext(connection) as large:
        ikm_report(viewer=admin, filters=IkmFilters())
    # One aggregate and one count per profile table.
    assert len(small) == len(large) == 4
