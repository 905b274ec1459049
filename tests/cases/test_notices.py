"""Every change of a case queues one message to the applicant's phone; an overdue case
e-mails its supervisor. Messages carry the tracking code and link, never personal data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from balai.cases.errors import CaseError
from balai.cases.escalation import cases_escalate_overdue
from balai.cases.models import Case
from balai.cases.services import case_act
from balai.feedback.models import SurveyInvitation
from balai.feedback.services import token_hash
from balai.notifications.models import Notification
from balai.notifications.worker import notifications_send_due
from tests.fixtures import OTHER_VILLAGE, VILLAGE

pytestmark = pytest.mark.django_db
DISTRICT = "35.10.05"


def _messages(case: Case) -> list[Notification]:
    return list(
        Notification.objects.filter(object_type="cases.case", object_id=str(case.pk)).order_by("pk")
    )


def test_submission_queues_one_whatsapp_with_the_code_and_link(submit_letter, make_resident):
    person = make_resident(name="Siti Aminah", phone="+62 812-1111-2222")
    case = submit_letter(person)
    [n] = _messages(case)
    assert (n.channel, n.template_code, n.address) == (
        "whatsapp",
        "case_submitted",
        "6281211112222",
    )
    assert n.recipient_resident_id == person.pk and n.regency_code == "35.10"
    display = f"{case.tracking_code[:4]}-{case.tracking_code[4:]}"
    assert display in n.text and f"/permohonan/lacak/?kode={case.tracking_code}" in n.text
    assert "Surat Keterangan Domisili" in n.text
    for personal in (person.nik, "Siti", "Raya Muncar"):
        assert personal not in n.text


def test_each_transition_queues_exactly_one_message(submit_letter, make_resident, make_staff):
    person = make_resident()
    case = submit_letter(person)
    operator = case.submitted_by
    kades = make_staff("kepala_desa", region=VILLAGE)
    case = case_act(actor=operator, case=case, action="return", comment="Kurang pengantar RT")
    case = case_act(actor=person, case=case, action="resubmit")
    case = case_act(actor=operator, case=case, action="verify")
    case = case_act(
        actor=kades, case=case, action="reject", comment="Data beda", reason_code="data_mismatch"
    )
    messages = _messages(case)
    assert [n.template_code for n in messages] == [
        "case_submitted",
        "case_returned",
        "case_progress",
        "case_progress",
        "case_rejected",
    ]
    assert "Menunggu kepala desa" in messages[3].text
    assert "Data tidak sesuai dengan data kependudukan" in messages[4].text
    # The officer's free text stays out of the message: it may name people.
    assert all("Kurang pengantar" not in n.text and "Data beda" not in n.text for n in messages)


def test_a_refused_action_queues_nothing(submit_letter, make_resident, make_staff):
    case = submit_letter(make_resident())
    with pytest.raises(CaseError):
        case_act(actor=make_staff("camat", region=DISTRICT), case=case, action="approve_district")
    with pytest.raises(CaseError):
        case_act(actor=case.submitted_by, case=case, action="reject", comment="x")
    assert len(_messages(case)) == 1


def test_issuing_sends_the_survey_link_in_the_same_message(
    submit_letter, make_resident, make_staff
):
    case = submit_letter(make_resident())
    case = case_act(actor=case.submitted_by, case=case, action="verify")
    case = case_act(
        actor=make_staff("kepala_desa", region=VILLAGE), case=case, action="approve_village"
    )
    case = case_act(
        actor=make_staff("camat", region=DISTRICT), case=case, action="approve_district"
    )
    last = _messages(case)[-1]
    assert last.template_code == "case_issued_survey" and len(_messages(case)) == 4
    token = last.text.split("/suara/survei/")[1].split("/")[0]
    invitation = SurveyInvitation.objects.get(case=case)
    assert invitation.token_hash == token_hash(token) and invitation.channel == "whatsapp"


def test_an_applicant_without_a_phone_is_still_served(submit_letter, make_resident):
    case = submit_letter(make_resident(phone=""))
    assert case.pk and _messages(case) == []


def test_the_message_reaches_the_provider(fake_provider, submit_letter, make_resident):
    case = submit_letter(make_resident())
    assert notifications_send_due(now=timezone.now()).sent == 1
    [sent] = fake_provider.sent()
    assert case.tracking_code in sent["text"] and sent["to"] == "6281234567890"


def test_escalation_emails_the_supervisors_of_the_holding_office(
    submit_letter, make_resident, make_staff
):
    kades = make_staff("kepala_desa", region=VILLAGE, email="kades@sumberberas.desa.id")
    make_staff("kepala_desa", region=VILLAGE)  # no e-mail on record: nothing to send
    make_staff("kepala_desa", region=OTHER_VILLAGE, email="kades@kedungrejo.desa.id")
    case = submit_letter(make_resident())
    Case.objects.filter(pk=case.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))

    assert cases_escalate_overdue() == 1

    [email] = [n for n in _messages(case) if n.channel == "email"]
    assert email.recipient_user_id == kades.pk and email.address == "kades@sumberberas.desa.id"
    assert email.template_code == "case_escalated" and f"/permohonan/{case.pk}/" in email.text
    notifications_send_due(now=timezone.now())
    [sent] = mail.outbox
    assert sent.to == ["kades@sumberberas.desa.id"] and "melewati batas waktu" in sent.subject
    assert cases_escalate_overdue() == 0
    assert Notification.objects.filter(channel="email").count() == 1
