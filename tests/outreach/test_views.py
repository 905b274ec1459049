"""Outreach pages: scope, assisted intake with NIK prefill, template, import report, batch."""

from __future__ import annotations

import openpyxl
import pytest
from django.urls import reverse

from balai.licensing.choices import RegistrationStatus
from balai.licensing.models import BusinessRegistration
from balai.outreach.choices import COLUMNS
from tests.fixtures import OTHER_DISTRICT_VILLAGE, PASSWORD, VILLAGE
from tests.outreach.conftest import xlsx_bytes


@pytest.fixture
def officer_client(client, officer):
    client.login(username=officer.username, password=PASSWORD)
    return client


def test_intake_prefills_from_nik_and_saves(officer_client, event, make_resident, kbli):
    resident = make_resident(name="Siti Aminah", sex="P", address="Dusun Krajan 7")
    url = reverse("outreach:intake", args=[event.pk])
    page = officer_client.post(url, {"nik": resident.nik, "prefill": "1"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Siti Aminah" in html and "Dusun Krajan 7" in html and VILLAGE in html
    assert resident.nik not in html.replace(f'value="{resident.nik}"', "")  # masked elsewhere
    saved = officer_client.post(
        url,
        {
            "nik": resident.nik,
            "nama_usaha": "Kerupuk Bu Siti",
            "kbli": "10794",
            "alamat_usaha": "Dusun Krajan 7",
            "kode_desa": VILLAGE,
            "modal": "20000000",
            "tenaga_kerja": "2",
            "save": "1",
        },
    )
    assert saved.status_code == 302
    registration = BusinessRegistration.objects.get()
    assert registration.owner == resident and registration.risk_level == "menengah_rendah"


def test_intake_shows_the_reasons(officer_client, event, make_resident, kbli):
    resident = make_resident()
    page = officer_client.post(
        reverse("outreach:intake", args=[event.pk]),
        {
            "nik": resident.nik,
            "nama_usaha": "X",
            "kbli": "99999",
            "alamat_usaha": "a",
            "kode_desa": VILLAGE,
            "modal": "1",
            "tenaga_kerja": "1",
            "save": "1",
        },
    )
    assert "KBLI 99999 tidak ada" in page.content.decode()
    assert BusinessRegistration.objects.count() == 0


def test_staff_of_another_village_get_404(client, make_staff, event):
    other = make_staff("operator_desa", region=OTHER_DISTRICT_VILLAGE)
    client.login(username=other.username, password=PASSWORD)
    assert client.get(reverse("outreach:detail", args=[event.pk])).status_code == 404
    assert client.get(reverse("outreach:intake", args=[event.pk])).status_code == 404


def test_a_village_operator_cannot_run_the_batch(client, make_staff, event):
    desk = make_staff("operator_desa", region=VILLAGE)
    client.login(username=desk.username, password=PASSWORD)
    assert client.get(reverse("outreach:detail", args=[event.pk])).status_code == 200
    assert client.post(reverse("outreach:batch", args=[event.pk])).status_code == 403


def test_template_download_has_the_columns(officer_client):
    import io

    response = officer_client.get(reverse("outreach:template"))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book.worksheets[0][1]] == COLUMNS


def test_import_batch_progress_print_and_report(
    officer_client, event, make_resident, settings, sandbox
):
    settings.LICENSING_OSS_URL = sandbox.url
    settings.OUTREACH_BATCH_INLINE = True
    people = [make_resident() for _ in range(3)]
    rows = [
        [p.nik, f"Warung {i}", "56102", "Jl. Raya", VILLAGE, 1_000_000, 1]
        for i, p in enumerate(people)
    ]
    rows.append(["123", "Rusak", "56102", "Jl.", VILLAGE, 1, 1])
    upload = xlsx_bytes(rows)
    upload.name = "hari.xlsx"
    page = officer_client.post(reverse("outreach:import", args=[event.pk]), {"file": upload})
    html = page.content.decode()
    assert "4 baris: 3 baru, 0 sudah ada, 1 bermasalah." in html and "NIK harus 16 digit" in html

    assert officer_client.post(reverse("outreach:batch", args=[event.pk])).status_code == 302
    progress = officer_client.get(reverse("outreach:progress", args=[event.pk])).json()
    assert progress["status"] == "done" and progress["issued"] == 3 and progress["documents"] == 3
    assert BusinessRegistration.objects.filter(status=RegistrationStatus.ISSUED).count() == 3
    pdf = officer_client.get(reverse("outreach:print", args=[event.pk, 1]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    report = officer_client.get(reverse("outreach:report", args=[event.pk])).content.decode()
    assert 'id="r-issued">3<' in report


def test_planning_a_day_and_notifying_the_village(officer_client, officer, dpmptsp, make_resident):
    from balai.outreach.models import OutreachEvent

    make_resident()
    make_resident(status="meninggal")
    response = officer_client.post(
        reverse("outreach:list"),
        {
            "title": "Bupati Ngantor di Desa",
            "date": "2026-12-05",
            "village": VILLAGE,
            "agencies": "DPMPTSP, Dispendukcapil",
            "services": "NIB",
            "staff": "",
            "target": "1200",
        },
    )
    event = OutreachEvent.objects.get()
    assert response.status_code == 302 and event.agency == dpmptsp
    assert event.agencies == ["DPMPTSP", "Dispendukcapil"]
    officer_client.post(reverse("outreach:notify", args=[event.pk]))
    event.refresh_from_db()
    assert event.notified_count == 1 and event.notified_at is not None


def test_the_intake_page_speaks_english(officer_client, event):
    page = officer_client.get(f"/en/jemput-bola/{event.pk}/daftar/")
    assert "Look up NIK (Enter)" in page.content.decode()
