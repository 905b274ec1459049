"""A complaint about an office's own conduct goes above it and never reaches it; every answer
deadline counts working days ("5 hari kerja")."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from balai.feedback.complaint_selectors import complaint_get, complaint_list
from balai.feedback.complaint_services import ComplaintIn, complaint_answer, complaint_submit
from balai.feedback.errors import FeedbackError
from tests.fixtures import VILLAGE

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
DISTRICT = "35.10.05"
TEXT = "Petugas desa meminta uang Rp50.000 untuk surat pengantar yang seharusnya gratis."


def _in(**over) -> ComplaintIn:
    fields = dict(
        channel="web",
        category="pungli",
        text=TEXT,
        name="Siti Aminah",
        contact="081233344455",
        region_code=VILLAGE,
    )
    fields.update(over)
    return ComplaintIn(**fields)


@pytest.fixture
def staff(make_staff):
    return {
        "operator_desa": make_staff("operator_desa", region=VILLAGE),
        "kepala_desa": make_staff("kepala_desa", region=VILLAGE),
        "operator_kecamatan": make_staff("operator_kecamatan", region=DISTRICT),
        "camat": make_staff("camat", region=DISTRICT),
        "inspektorat": make_staff("inspektorat", region="35.10"),
    }


@pytest.mark.parametrize("role", ["operator_desa", "kepala_desa"])
def test_the_village_complained_about_never_sees_it(regions, staff, client, role) -> None:
    complaint = complaint_submit(data=_in())
    viewer = staff[role]
    assert complaint not in complaint_list(viewer=viewer)
    assert complaint_get(viewer=viewer, pk=complaint.pk) is None
    with pytest.raises(FeedbackError) as refused:
        complaint_answer(actor=viewer, complaint=complaint, answer="Tidak benar, itu fitnah.")
    assert refused.value.code == "not_found"
    client.force_login(viewer)
    inbox = client.get("/pengaduan/kelola/").content.decode()
    assert complaint.tracking_code not in inbox and "Siti Aminah" not in inbox
    assert client.get(f"/pengaduan/kelola/{complaint.pk}/").status_code == 404


@pytest.mark.parametrize("role", ["operator_kecamatan", "camat", "inspektorat"])
def test_the_kecamatan_and_the_inspectorate_have_it(regions, staff, role) -> None:
    complaint = complaint_submit(data=_in())
    assert (complaint.region_code, complaint.subject_region_code) == (DISTRICT, VILLAGE)
    assert complaint.oversight is True
    assert complaint_get(viewer=staff[role], pk=complaint.pk) == complaint


def test_the_inspectorate_answers_it_but_sees_no_ordinary_complaint(regions, staff) -> None:
    conduct = complaint_submit(data=_in(category="petugas"))
    ordinary = complaint_submit(data=_in(category="pelayanan", text="Antrean terlalu lama."))
    inspector = staff["inspektorat"]
    assert list(complaint_list(viewer=inspector)) == [conduct]
    assert ordinary in complaint_list(viewer=staff["operator_desa"])
    complaint_answer(actor=inspector, complaint=conduct, answer="Sedang kami periksa.")


def test_a_refused_service_at_an_agency_goes_to_the_regency(regions, make_staff, akta) -> None:
    complaint = complaint_submit(data=_in(category="penolakan", service=akta))
    assert (complaint.region_code, complaint.agency_id) == ("35.10", None)
    assert complaint.subject_agency_id == akta.agency_id
    officer = make_staff("petugas_instansi", agency=akta.agency)
    assert complaint_get(viewer=officer, pk=complaint.pk) is None
    inspector = make_staff("inspektorat", region="35.10")
    assert complaint_get(viewer=inspector, pk=complaint.pk) == complaint


def test_the_answer_deadline_counts_working_days(regions) -> None:
    # Filed on Friday 14 August 2026: Monday 17 August is Independence Day, so the five
    # working days are 18, 19, 20, 21 and 24 August.
    friday = dt.datetime(2026, 8, 14, 10, tzinfo=WIB)
    complaint = complaint_submit(data=_in(category="pelayanan"), now=friday)
    assert complaint.due_at.astimezone(WIB).date() == dt.date(2026, 8, 24)
