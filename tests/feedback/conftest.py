"""Fixtures for feedback: services served in a village, at an agency and at the MPP, and a
helper that records responses through the real service."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.cases.conftest import (  # noqa: F401  (fixtures reused from the cases tests)
    letter_service,
    letter_standard,
    operator,
    submit_letter,
    village_agency,
)

ALL_FOURS = {f"u{i}": 4 for i in range(1, 10)}


def answers(scores: Any = None, **profile: Any):
    from balai.feedback.services import SurveyAnswers

    if scores is None:
        scores = ALL_FOURS
    elif not isinstance(scores, dict):
        scores = {f"u{i}": s for i, s in enumerate(scores, start=1)}
    fields = dict(age=35, sex="P", education="sma", occupation="wirausaha", comment="")
    fields.update(profile)
    return SurveyAnswers(scores=scores, **fields)


@pytest.fixture
def mpp(make_service_point):
    return make_service_point()


@pytest.fixture
def dukcapil(make_agency):
    return make_agency()


@pytest.fixture
def akta(dukcapil):
    from balai.catalog.models import Service

    return Service.objects.create(
        code="akta-kelahiran", name="Akta Kelahiran", agency=dukcapil, region_id="35.10"
    )


@pytest.fixture
def ktp(dukcapil):
    from balai.catalog.models import Service

    return Service.objects.create(
        code="ktp-el", name="KTP Elektronik", agency=dukcapil, region_id="35.10"
    )


@pytest.fixture
def jember_service(make_agency):
    from balai.catalog.models import Service

    agency = make_agency(
        "dispendukcapil-jember",
        name="Dispendukcapil Jember",
        short_name="Dukcapil Jember",
        region_id="35.09",
    )
    return Service.objects.create(
        code="akta-jember", name="Akta Kelahiran Jember", agency=agency, region_id="35.09"
    )


@pytest.fixture
def respond():
    """Records one response through survey_submit, as a kiosk does (no invitation)."""
    from balai.feedback.services import survey_submit

    def record(service=None, scores=None, *, at: dt.datetime | None = None, **kw: Any):
        profile = {k: kw.pop(k) for k in ("age", "sex", "education", "occupation") if k in kw}
        kw.setdefault("channel", "kiosk")
        return survey_submit(answers=answers(scores, **profile), service=service, now=at, **kw)

    return record
