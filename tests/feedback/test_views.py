"""The public survey page and the staff IKM pages over HTTP."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.utils import translation
from openpyxl import load_workbook

from balai.feedback.models import SurveyResponse
from balai.feedback.services import survey_invite
from tests.fixtures import PASSWORD, VILLAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(operator, make_resident, submit_letter) -> str:
    case = submit_letter(make_resident())
    return survey_invite(actor=operator, case=case, channel="whatsapp")[1]


def _form(scores=(4, 4, 3, 4, 4, 4, 4, 3, 4), **profile):
    data = {f"u{i}": str(s) for i, s in enumerate(scores, start=1)}
    data.update(age="41", sex="L", education="sma", occupation="wirausaha", comment="Cepat")
    data.update(profile)
    return data


def test_survey_page_shows_the_official_answer_words(client, token) -> None:
    page = client.get(f"/suara/survei/{token}/")
    assert page.status_code == 200
    html = page.content.decode()
    for words in ("Persyaratan", "Sangat sesuai", "Kurang mudah", "Gratis", "Dikelola dengan baik"):
        assert words in html
    assert "Surat Keterangan Domisili" in html
    # The token is the only key: no shared cache may keep the page.
    assert "no-store" in page["Cache-Control"]


def test_survey_is_recorded_once(client, token) -> None:
    done = client.post(f"/suara/survei/{token}/", _form())
    assert done.status_code == 200
    assert "Terima kasih" in done.content.decode()
    response = SurveyResponse.objects.get()
    assert response.scores() == (4, 4, 3, 4, 4, 4, 4, 3, 4)
    assert (response.age, response.sex, response.comment) == (41, "L", "Cepat")
    again = client.get(f"/suara/survei/{token}/")
    assert again.status_code == 409
    assert "sudah diisi" in again.content.decode()


def test_incomplete_survey_is_shown_again_with_errors(client, token) -> None:
    data = _form(age="7")
    del data["u3"]
    page = client.post(f"/suara/survei/{token}/", data)
    assert page.status_code == 422
    html = page.content.decode()
    assert "Pilih salah satu jawaban." in html
    assert not SurveyResponse.objects.exists()
    # The age rule lives in the service; the page shows its message too.
    page = client.post(f"/suara/survei/{token}/", _form(age="7"))
    assert page.status_code == 422
    assert "Umur harus bilangan bulat 15 sampai 120." in page.content.decode()


def test_unknown_link_is_404_without_data(client) -> None:
    page = client.get("/suara/survei/tidak-ada/")
    assert page.status_code == 404
    assert "Tautan survei tidak dikenal." in page.content.decode()


@pytest.fixture
def rated(akta, mpp, respond, make_resident, submit_letter, jember_service):
    respond(service=akta, service_point=mpp, scores=[4] * 9, sex="L")
    respond(service=akta, service_point=mpp, scores=[3] * 9, sex="P")
    respond(case=submit_letter(make_resident()), scores=[1] * 9)
    respond(service=jember_service, scores=[2] * 9)


def test_ikm_page_needs_a_login_and_the_permission(client, rated, django_user_model) -> None:
    assert client.get("/suara/ikm/").status_code == 302
    django_user_model.objects.create_user(username="tanpa-peran", password=PASSWORD)
    client.login(username="tanpa-peran", password=PASSWORD)
    refused = client.get("/suara/ikm/")
    assert refused.status_code == 403
    assert "Akta" not in refused.content.decode()
    assert client.get("/suara/ikm/unduh.xlsx").status_code == 403


def test_ikm_page_shows_the_report_for_the_viewer_scope(client, rated, make_staff) -> None:
    loket = make_staff(
        "petugas_loket",
        service_point=SurveyResponse.objects.exclude(service_point=None).first().service_point,
    )
    client.login(username=loket.username, password=PASSWORD)
    html = client.get("/suara/ikm/").content.decode()
    assert '<dd class="ikm-respondents">2</dd>' in html
    assert '<span class="ikm-converted">87,50</span>' in html  # (4 + 3) / 2 × 25
    assert "<td>3,5000</td><td>0,3889</td>" in html
    assert "Sangat baik" not in html.split("ikm-grades")[0]
    assert "Baik" in html
    client.logout()
    kades = make_staff("kepala_desa", region=VILLAGE)
    client.login(username=kades.username, password=PASSWORD)
    html = client.get("/suara/ikm/").content.decode()
    assert '<dd class="ikm-respondents">1</dd>' in html
    assert '<span class="ikm-converted">25,00</span>' in html
    assert "Akta Kelahiran" not in html


def test_filters_offer_only_what_the_viewer_may_see(
    client, rated, make_staff, akta, jember_service
):
    admin = make_staff("admin_kabupaten", region="35.10")
    client.login(username=admin.username, password=PASSWORD)
    html = client.get("/suara/ikm/").content.decode()
    assert "Akta Kelahiran Jember" not in html
    assert '<dd class="ikm-respondents">3</dd>' in html
    page = client.get("/suara/ikm/", {"service": akta.pk})
    assert '<dd class="ikm-respondents">2</dd>' in page.content.decode()
    # Another regency's service is not a valid choice: the page says so and shows nothing.
    page = client.get("/suara/ikm/", {"service": jember_service.pk})
    assert '<dd class="ikm-respondents">0</dd>' in page.content.decode()


def test_xlsx_holds_the_official_summary_and_the_data(client, rated, make_staff) -> None:
    admin = make_staff("admin_kabupaten", region="35.10")
    client.login(username=admin.username, password=PASSWORD)
    download = client.get("/suara/ikm/unduh.xlsx")
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(download.content))
    summary, data = book.worksheets
    cells = {row[0]: row[1:] for row in summary.iter_rows(values_only=True) if row and row[0]}
    assert cells["Jumlah responden"][0] == 3
    assert cells["U1"][:4] == ("Persyaratan", 8, 2.6667, 0.2963)
    assert cells["IKM (skala 1-4)"][3] == 2.6667
    assert cells["Nilai konversi (IKM × 25)"][3] == 66.67
    assert cells["Mutu pelayanan"][3] == "C"
    rows = list(data.iter_rows(values_only=True))
    assert rows[0][:3] == ("No.", "U1", "U2")
    assert len(rows) == 4
    assert sorted(r[1] for r in rows[1:]) == [1, 3, 4]


def test_survey_page_in_english(client, token) -> None:
    # The locale middleware leaves English active in this thread; the override restores it.
    with translation.override("id"):
        html = client.get(f"/en/suara/survei/{token}/").content.decode()
    for words in ("Requirements", "Very appropriate", "Well managed", "Send rating"):
        assert words in html


def test_pdf_report_prints_the_official_figures(client, rated, make_staff) -> None:
    import pypdfium2

    admin = make_staff("admin_kabupaten", region="35.10")
    client.login(username=admin.username, password=PASSWORD)
    assert "/suara/ikm/unduh.pdf" in client.get("/suara/ikm/").content.decode()
    download = client.get("/suara/ikm/unduh.pdf")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(download.content)
    text = " ".join(page.get_textpage().get_text_range() for page in pdf)
    text = " ".join(text.split())
    assert "INDEKS KEPUASAN MASYARAKAT (IKM)" in text
    assert "Jumlah responden:3" in text.replace(": ", ":")
    assert "U1 Persyaratan 8 2.6667 0.2963" in text
    assert "IKM (skala 1–4) 2.6667" in text and "66.67" in text
    assert "Mutu pelayanan C" in text


def test_pdf_report_needs_the_permission_and_some_answers(client, make_staff, db) -> None:
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user(username="tanpa-peran", password=PASSWORD)
    client.login(username="tanpa-peran", password=PASSWORD)
    assert client.get("/suara/ikm/unduh.pdf").status_code == 403
    client.logout()
    admin = make_staff("admin_kabupaten", region="35.10")
    client.login(username=admin.username, password=PASSWORD)
    assert client.get("/suara/ikm/unduh.pdf").status_code == 404  # nobody answered yet
