"""Inviting and recording survey responses through the services, on a real database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from balai.audit.models import AuditEvent
from balai.feedback.errors import FeedbackError
from balai.feedback.models import SurveyInvitation, SurveyResponse
from balai.feedback.services import survey_invite, survey_submit
from tests.feedback.conftest import answers
from tests.fixtures import OTHER_VILLAGE, VILLAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(make_resident, submit_letter):
    return submit_letter(make_resident())


def test_invitation_for_a_case_carries_where_it_was_served(operator, case) -> None:
    invitation, token = survey_invite(actor=operator, case=case, channel="whatsapp")
    assert len(token) >= 30
    assert invitation.token_hash != token
    assert (invitation.region_code, invitation.regency_code) == (VILLAGE, "35.10")
    assert invitation.service_id == case.service_id
    assert invitation.expires_at - invitation.created_at == dt.timedelta(days=14)
    event = AuditEvent.objects.get(action="feedback.survey_invite")
    assert (event.actor_id, event.object_id) == (operator.pk, str(invitation.pk))


def test_staff_outside_the_serving_office_cannot_invite(make_staff, case) -> None:
    neighbour = make_staff("operator_desa", region=OTHER_VILLAGE)
    approver = make_staff("kepala_desa", region=VILLAGE)
    for actor in (neighbour, approver, None):
        with pytest.raises(FeedbackError) as refused:
            survey_invite(actor=actor, case=case, channel="sms")
        assert refused.value.status == 403
    assert not SurveyInvitation.objects.exists()


def test_a_link_is_answered_once(operator, case) -> None:
    _invitation, token = survey_invite(actor=operator, case=case, channel="whatsapp")
    response = survey_submit(token=token, answers=answers([4, 3, 4, 4, 2, 4, 4, 3, 4]))
    assert response.case_id == case.pk
    assert response.channel == "whatsapp"
    assert response.scores() == (4, 3, 4, 4, 2, 4, 4, 3, 4)
    assert SurveyInvitation.objects.get().used_at == response.submitted_at
    with pytest.raises(FeedbackError) as again:
        survey_submit(token=token, answers=answers())
    assert (again.value.status, again.value.code) == (409, "invitation_used")
    assert SurveyResponse.objects.count() == 1
    event = AuditEvent.objects.get(action="feedback.survey_submit")
    assert event.actor_id is None
    assert event.region_code == VILLAGE


def test_expired_and_unknown_links_are_refused(operator, case) -> None:
    start = timezone.now() - dt.timedelta(days=15)
    _invitation, token = survey_invite(actor=operator, case=case, channel="sms", now=start)
    with pytest.raises(FeedbackError) as expired:
        survey_submit(token=token, answers=answers())
    assert (expired.value.status, expired.value.code) == (410, "invitation_expired")
    with pytest.raises(FeedbackError) as unknown:
        survey_submit(token="not-a-token", answers=answers())
    assert (unknown.value.status, unknown.value.code) == (404, "invitation_not_found")
    assert not SurveyResponse.objects.exists()


def test_one_response_per_case(operator, case, respond) -> None:
    respond(case=case)
    with pytest.raises(FeedbackError) as twice:
        respond(case=case)
    assert (twice.value.status, twice.value.code) == (409, "already_answered")
    # Nor may a new link be sent for a case already rated.
    with pytest.raises(FeedbackError) as invite:
        survey_invite(actor=operator, case=case, channel="sms")
    assert invite.value.code == "already_answered"
    assert SurveyResponse.objects.count() == 1


def test_the_database_itself_refuses_a_second_response_per_case(case, respond) -> None:
    first = respond(case=case)
    copy = SurveyResponse.objects.get(pk=first.pk)
    copy.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save(force_insert=True)


def test_the_database_refuses_a_score_outside_1_to_4(akta, respond) -> None:
    first = respond(service=akta)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.filter(pk=first.pk).update(u5=5)


def test_responses_without_a_case_may_repeat(akta, mpp, respond) -> None:
    respond(service=akta, service_point=mpp)
    respond(service=akta, service_point=mpp)
    assert SurveyResponse.objects.filter(case=None).count() == 2


def test_bad_answers_are_listed_with_codes_and_nothing_is_written(akta) -> None:
    scores = {f"u{i}": 4 for i in range(1, 9)} | {"u2": 7}
    bad = answers(scores, age="dua puluh", sex="X", education="", occupation="astronot")
    with pytest.raises(FeedbackError) as refused:
        survey_submit(answers=bad, service=akta, channel="web")
    assert refused.value.status == 422
    codes = {(d["code"], d.get("element")) for d in refused.value.details}
    assert codes == {
        ("score_out_of_range", "u2"),
        ("missing_score", "u9"),
        ("invalid_age", "age"),
        ("invalid_sex", "sex"),
        ("invalid_education", "education"),
        ("invalid_occupation", "occupation"),
    }
    assert not SurveyResponse.objects.exists()
    assert not AuditEvent.objects.filter(action="feedback.survey_submit").exists()


def test_unknown_channel_is_refused(akta) -> None:
    with pytest.raises(FeedbackError) as refused:
        survey_submit(answers=answers(), service=akta, channel="pigeon")
    assert refused.value.code == "invalid_channel"


def test_served_place_follows_the_service_point_then_the_agency(akta, mpp, respond) -> None:
    at_mpp = respond(service=akta, service_point=mpp)
    at_office = respond(service=akta)
    assert (at_mpp.region_code, at_mpp.service_point_id, at_mpp.agency_id) == (
        "35.10",
        mpp.pk,
        akta.agency_id,
    )
    assert (at_office.region_code, at_office.service_point_id) == ("35.10", None)


def test_one_response_per_queue_ticket(akta, mpp, respond, make_staff) -> None:
    from balai.queueing.models import QueuePrefix
    from balai.queueing.services import ticket_issue

    mpp.agencies.add(akta.agency)
    prefix = QueuePrefix.objects.create(
        service_point=mpp, letter="A", name="Dispendukcapil", agency=akta.agency
    )
    ticket = ticket_issue(actor=None, prefix=prefix, service=akta)
    first = respond(ticket=ticket)
    assert (first.service_id, first.service_point_id, first.region_code) == (
        akta.pk,
        mpp.pk,
        "35.10",
    )
    with pytest.raises(FeedbackError) as twice:
        respond(ticket=ticket)
    assert twice.value.code == "already_answered"
    loket = make_staff("petugas_loket", service_point=mpp)
    with pytest.raises(FeedbackError):
        survey_invite(actor=loket, ticket=ticket, channel="sms")
    assert SurveyResponse.objects.filter(ticket=ticket).count() == 1
