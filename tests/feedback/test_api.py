"""The feedback API: a survey answered through its link, and the IKM in the caller's scope."""

from __future__ import annotations

import pytest
from django.test import Client

from balai.feedback.models import SurveyResponse
from balai.feedback.services import survey_invite

pytestmark = pytest.mark.django_db


def _body(**over):
    body = {
        "scores": {f"u{i}": 3 for i in range(1, 10)},
        "age": 30,
        "sex": "P",
        "education": "s1",
        "occupation": "swasta",
    }
    body.update(over)
    return body


@pytest.fixture
def token(operator, make_resident, submit_letter) -> str:
    return survey_invite(actor=operator, case=submit_letter(make_resident()), channel="whatsapp")[1]


def test_answer_through_the_link(client, token) -> None:
    done = client.post(
        f"/api/v1/feedback/surveys/{token}", _body(), content_type="application/json"
    )
    assert done.status_code == 201
    assert done.json()["service"] == "sk-domisili"
    assert SurveyResponse.objects.get().scores() == (3,) * 9
    again = client.post(
        f"/api/v1/feedback/surveys/{token}", _body(), content_type="application/json"
    )
    assert again.status_code == 409
    assert again.json()["code"] == "invitation_used"


def test_bad_scores_get_a_code_per_element(client, token) -> None:
    scores = {f"u{i}": 3 for i in range(1, 10)} | {"u4": 0, "u8": "banyak"}
    bad = client.post(
        f"/api/v1/feedback/surveys/{token}",
        _body(scores=scores, age=9),
        content_type="application/json",
    )
    assert bad.status_code == 422
    body = bad.json()
    assert body["code"] == "invalid_answers"
    assert {(d["code"], d["element"]) for d in body["details"]} == {
        ("score_out_of_range", "u4"),
        ("score_not_integer", "u8"),
        ("invalid_age", "age"),
    }
    assert not SurveyResponse.objects.exists()


def test_unknown_link_is_404(client) -> None:
    answer = client.post("/api/v1/feedback/surveys/nope", _body(), content_type="application/json")
    assert (answer.status_code, answer.json()["code"]) == (404, "invitation_not_found")


def test_ikm_in_scope(make_staff, akta, jember_service, respond, django_user_model) -> None:
    respond(service=akta, scores=[4] * 9)
    respond(service=akta, scores=[3] * 9)
    respond(service=jember_service, scores=[1] * 9)
    admin = Client()
    admin.force_login(make_staff("admin_kabupaten", region="35.10"))
    body = admin.get("/api/v1/feedback/ikm").json()
    assert body == {
        "respondents": 2,
        "nrr": [3.5] * 9,
        "ikm": 3.5,
        "ikm_converted": 87.5,
        "grade": "B",
    }
    assert (
        admin.get("/api/v1/feedback/ikm", {"service": jember_service.pk}).json()["respondents"] == 0
    )
    nobody = Client()
    nobody.force_login(django_user_model.objects.create_user(username="x", password="y" * 12))
    refused = nobody.get("/api/v1/feedback/ikm")
    assert (refused.status_code, refused.json()["code"]) == (403, "forbidden")
    assert Client().get("/api/v1/feedback/ikm").status_code == 401
