"""Complaints: intake, routing, answers inside the office's scope, escalation, publication and
the SP4N-LAPOR! export."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from balai.audit.models import AuditEvent
from balai.feedback.choices import ComplaintStatus
from balai.feedback.complaint_export import COLUMNS, complaints_csv
from balai.feedback.complaint_selectors import (
    complaint_list,
    complaint_track,
    complaints_published,
)
from balai.feedback.complaint_services import (
    ComplaintIn,
    complaint_answer,
    complaint_set_status,
    complaint_submit,
    complaints_escalate,
)
from balai.feedback.errors import FeedbackError
from balai.feedback.models import Complaint
from tests.fixtures import OTHER_VILLAGE, VILLAGE

pytestmark = pytest.mark.django_db
TEXT = "Antrean loket KTP tidak bergerak dua jam dan petugas tidak ada di tempat."


def _in(**over) -> ComplaintIn:
    fields = dict(
        channel="web",
        category="pelayanan",
        text=TEXT,
        name="Siti Aminah",
        contact="081233344455",
        region_code=VILLAGE,
    )
    fields.update(over)
    return ComplaintIn(**fields)


def test_routed_to_the_service_agency_first_then_the_village(regions, akta) -> None:
    to_agency = complaint_submit(data=_in(service=akta))
    assert (to_agency.agency_id, to_agency.region_code) == (akta.agency_id, "35.10")
    to_village = complaint_submit(data=_in())
    assert (to_village.agency_id, to_village.region_code, to_village.regency_code) == (
        None,
        VILLAGE,
        "35.10",
    )
    assert to_village.status == ComplaintStatus.RECEIVED
    assert to_village.due_at > to_village.submitted_at + dt.timedelta(days=4)  # 5 working days
    assert len(to_village.tracking_code) == 8
    with pytest.raises(FeedbackError) as nowhere:
        complaint_submit(data=_in(region_code=""))
    assert nowhere.value.code == "office_unknown"


def test_anonymous_complaints_keep_no_identity(regions) -> None:
    complaint = complaint_submit(data=_in(anonymous=True))
    assert (complaint.name, complaint.contact) == ("", "")
    complaint.name = "Siti"
    with pytest.raises(IntegrityError), transaction.atomic():
        complaint.save()


def test_bad_complaints_list_every_problem(regions) -> None:
    with pytest.raises(FeedbackError) as refused:
        complaint_submit(data=_in(channel="fax", category="x", text="pendek", contact=""))
    assert {d["code"] for d in refused.value.details} == {
        "invalid_channel",
        "invalid_category",
        "invalid_text",
        "contact_required",
    }
    assert not Complaint.objects.exists()


def test_only_the_responsible_office_answers(regions, make_staff, akta) -> None:
    village = complaint_submit(data=_in())
    agency = complaint_submit(data=_in(service=akta))
    operator = make_staff("operator_desa", region=VILLAGE)
    neighbour = make_staff("operator_desa", region=OTHER_VILLAGE)
    camat = make_staff("camat", region="35.10.05")
    officer = make_staff("petugas_instansi", agency=akta.agency)
    assert list(complaint_list(viewer=operator)) == [village]
    assert list(complaint_list(viewer=neighbour)) == []
    assert list(complaint_list(viewer=camat)) == [village]
    assert list(complaint_list(viewer=officer)) == [agency]
    with pytest.raises(FeedbackError) as refused:
        complaint_answer(
            actor=neighbour, complaint=village, answer="Sudah kami tangani, terima kasih."
        )
    assert refused.value.status == 404
    answered = complaint_answer(
        actor=operator, complaint=village, answer="Petugas sudah ditegur; loket dibuka pukul 08.00."
    )
    assert answered.status == ComplaintStatus.ANSWERED
    assert answered.answered_by_id == operator.pk
    event = AuditEvent.objects.get(action="feedback.complaint_answer")
    assert event.actor_id == operator.pk


def test_status_moves_forward_only(regions, make_staff) -> None:
    complaint = complaint_submit(data=_in())
    operator = make_staff("operator_desa", region=VILLAGE)
    with pytest.raises(FeedbackError):
        complaint_set_status(actor=operator, complaint=complaint, status="closed")
    complaint = complaint_set_status(actor=operator, complaint=complaint, status="in_progress")
    complaint = complaint_answer(actor=operator, complaint=complaint, answer="Sudah diperbaiki.")
    complaint = complaint_set_status(actor=operator, complaint=complaint, status="closed")
    assert complaint.closed_at is not None
    with pytest.raises(FeedbackError) as closed:
        complaint_answer(actor=operator, complaint=complaint, answer="Tambahan jawaban lagi.")
    assert closed.value.code == "complaint_closed"


def test_overdue_complaints_escalate_once(regions, make_staff) -> None:
    start = timezone.now() - dt.timedelta(days=14)  # past 5 working days whatever the weekday
    late = complaint_submit(data=_in(), now=start)
    on_time = complaint_submit(data=_in())
    answered = complaint_submit(data=_in(), now=start)
    complaint_answer(
        actor=make_staff("operator_desa", region=VILLAGE),
        complaint=answered,
        answer="Sudah dijawab tepat waktu.",
    )
    assert complaints_escalate() == 1
    assert complaints_escalate() == 0
    late.refresh_from_db()
    on_time.refresh_from_db()
    assert late.escalated_at is not None and on_time.escalated_at is None
    # The supervisor's list shows the escalated complaint first.
    camat = make_staff("camat", region="35.10.05")
    assert complaint_list(viewer=camat)[0] == late


def test_published_only_with_consent_and_without_personal_data(regions, make_staff) -> None:
    operator = make_staff("operator_desa", region=VILLAGE)
    agreed = complaint_submit(data=_in(publish_consent=True))
    private = complaint_submit(data=_in(publish_consent=False))
    assert complaints_published() == []
    for complaint in (agreed, private):
        complaint_answer(
            actor=operator, complaint=complaint, answer="Loket kini dibuka tepat waktu."
        )
    published = complaints_published()
    assert [p.tracking_code for p in published] == [agreed.tracking_code]
    shown = " ".join(str(v) for v in published[0].__dict__.values())
    assert "Siti" not in shown and "0812" not in shown
    # The complainant holding the code sees the answer either way, never the identity.
    tracked = complaint_track(code=private.tracking_code.lower())
    assert tracked.answer == "Loket kini dibuka tepat waktu."
    assert "Siti" not in " ".join(str(v) for v in tracked.__dict__.values())


def test_export_has_the_lapor_columns_and_no_identity(regions, akta) -> None:
    complaint_submit(data=_in(service=akta, text=TEXT + "\nDetail kedua."))
    complaint_submit(data=_in(anonymous=True, channel="sms"))
    out = io.StringIO()
    complaints_csv(out=out, complaints=Complaint.objects.order_by("pk"))
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == COLUMNS
    assert rows[0]["judul"] == TEXT[:80]
    assert rows[0]["instansi_tujuan"] == akta.agency.name
    assert (rows[0]["sumber"], rows[0]["klasifikasi"], rows[0]["status"]) == (
        "website",
        "pengaduan",
        "belum_diproses",
    )
    assert (rows[1]["anonim"], rows[1]["sumber"], rows[1]["lokasi_kode_wilayah"]) == (
        "ya",
        "sms",
        VILLAGE,
    )
    assert "Siti" not in out.getvalue() and "081233344455" not in out.getvalue()
