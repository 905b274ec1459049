"""Complaint pages over HTTP: validation, scope, the export and the escalation command."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from balai.feedback.complaint_services import ComplaintIn, complaint_submit
from balai.feedback.models import Complaint
from tests.fixtures import OTHER_VILLAGE, PASSWORD, VILLAGE

pytestmark = pytest.mark.django_db


def _complaint(**over):
    fields = dict(
        channel="counter",
        category="sarana",
        text="Kursi ruang tunggu balai desa rusak semua.",
        name="Pak Darto",
        contact="0813",
        region_code=VILLAGE,
    )
    fields.update(over)
    return complaint_submit(data=ComplaintIn(**fields))


def test_form_shows_every_problem_in_indonesian(client, regions) -> None:
    page = client.post("/suara/pengaduan/", {"category": "sarana", "text": "rusak"})
    assert page.status_code == 422
    html = page.content.decode()
    assert "Isi nomor HP atau surel, atau pilih anonim." in html
    assert "Isi pengaduan 10 sampai 4000 huruf." in html
    assert not Complaint.objects.exists()


def test_anonymous_web_complaint_gets_a_tracking_code(client, regions) -> None:
    done = client.post(
        "/suara/pengaduan/",
        {
            "category": "infrastruktur",
            "village_code": VILLAGE,
            "text": "Lampu jalan di dusun Krajan mati sejak seminggu.",
            "anonymous": "on",
            "name": "Tidak Disimpan",
            "contact": "0899",
        },
    )
    complaint = Complaint.objects.get()
    assert done.status_code == 302
    assert done["Location"].endswith(f"?kode={complaint.tracking_code}")
    assert (complaint.anonymous, complaint.name, complaint.contact) == (True, "", "")


def test_other_offices_get_404_and_no_data(client, regions, make_staff) -> None:
    complaint = _complaint()
    neighbour = make_staff("operator_desa", region=OTHER_VILLAGE)
    client.login(username=neighbour.username, password=PASSWORD)
    assert client.get(f"/suara/pengaduan/kelola/{complaint.pk}/").status_code == 404
    moved = client.post(
        f"/suara/pengaduan/kelola/{complaint.pk}/status/", {"status": "in_progress"}
    )
    assert moved.status_code == 404
    listing = client.get("/suara/pengaduan/kelola/").content.decode()
    assert complaint.tracking_code not in listing
    export = client.get("/suara/pengaduan/kelola/ekspor.csv").content.decode()
    assert complaint.tracking_code not in export
    complaint.refresh_from_db()
    assert complaint.status == "received"


def test_staff_without_the_permission_are_refused(client, regions, django_user_model) -> None:
    django_user_model.objects.create_user(username="biasa", password=PASSWORD)
    client.login(username="biasa", password=PASSWORD)
    assert client.get("/suara/pengaduan/kelola/").status_code == 403
    assert client.get("/suara/pengaduan/kelola/ekspor.csv").status_code == 403


def test_office_export_is_csv_with_its_complaints(client, regions, make_staff) -> None:
    complaint = _complaint()
    kades = make_staff("kepala_desa", region=VILLAGE)
    client.login(username=kades.username, password=PASSWORD)
    export = client.get("/suara/pengaduan/kelola/ekspor.csv")
    assert export["Content-Type"].startswith("text/csv")
    lines = export.content.decode().splitlines()
    assert lines[0].startswith("tracking_id,tanggal_laporan,sumber,klasifikasi,kategori")
    assert lines[1].startswith(f"{complaint.tracking_code},")
    assert ",loket,pengaduan,sarana," in lines[1]


def test_escalation_command(regions) -> None:
    late = _complaint()
    Complaint.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    out = StringIO()
    call_command("complaints-escalate", stdout=out)
    assert out.getvalue().strip() == "escalated 1"
    late.refresh_from_db()
    assert late.escalated_at is not None


def test_filing_confirms_once_and_tracking_names_the_office_not_its_code(client, regions) -> None:
    done = client.post(
        "/suara/pengaduan/",
        {
            "category": "infrastruktur",
            "village_code": VILLAGE,
            "text": "Lampu jalan di dusun Krajan mati sejak seminggu.",
            "anonymous": "on",
        },
        follow=True,
    )
    html = done.content.decode()
    complaint = Complaint.objects.get()
    assert html.count("Pengaduan Anda sudah kami terima") == 1
    assert "Kantor Desa/Kelurahan Sumberberas" in html
    assert f"<dd>{VILLAGE}</dd>" not in html
    again = client.get(f"/suara/pengaduan/lacak/?kode={complaint.tracking_code}")
    assert "sudah kami terima" not in again.content.decode()
