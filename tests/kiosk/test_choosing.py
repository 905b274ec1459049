"""Choosing at the kiosk: search and categories with the office's most asked services first,
a queue ticket from the start screen where the office runs a queue, and the survey about the
case of this turn, never an older one already rated."""

import pytest

from balai.feedback.models import SurveyResponse

pytestmark = pytest.mark.django_db


def _file(point, operator, resident, code, n=1):
    from balai.cases.services import case_submit
    from balai.catalog.models import Service

    service = Service.objects.get(code=code)
    return [
        case_submit(
            actor=operator,
            service=service,
            applicant=resident,
            channel="village_counter",
            service_point=point,
            form_data={"purpose": "Bank"} if code == "sk-domisili" else {},
        )
        for _ in range(n)
    ]


def _services_in(html: str, marker: str) -> list[str]:
    part = html.split(marker)[1].split("</ul>")[0]
    return [chunk.split('"')[0] for chunk in part.split('data-service="')[1:]]


def test_search_and_categories_find_sk_domisili_and_common_services_come_first(
    signed_in, point, operator, make_resident
):
    from balai.catalog.models import ServiceVersion

    # Three letters at this kiosk; the office files SK Ahli Waris most.
    ServiceVersion.objects.filter(
        service__code__in=["sk-kelahiran", "sk-ahli-waris"], status="published"
    ).update(channels=["village_office", "kiosk"])
    _file(point, operator, make_resident(), "sk-ahli-waris", n=2)
    page = signed_in.get("/anjungan/layanan/").content.decode()
    assert _services_in(page, 'class="kiosk-list kiosk-top"') == ["sk-ahli-waris"]
    assert _services_in(page, 'class="kiosk-list kiosk-all"') == ["sk-domisili", "sk-kelahiran"]
    assert "Surat keterangan desa" in page.split('class="kiosk-categories"')[1]
    found = signed_in.get("/anjungan/layanan/", {"cari": "domisili"}).content.decode()
    assert _services_in(found, 'class="kiosk-list kiosk-all"') == ["sk-domisili"]
    assert 'class="kiosk-list kiosk-top"' not in found
    by_category = signed_in.get("/anjungan/layanan/", {"kategori": "Surat keterangan desa"})
    listed = _services_in(by_category.content.decode(), 'class="kiosk-list kiosk-all"')
    assert "sk-domisili" in listed
    nothing = signed_in.get("/anjungan/layanan/", {"cari": "paspor"}).content.decode()
    assert "Tidak ada layanan yang cocok" in nothing


def test_the_start_screen_offers_a_queue_ticket_only_where_the_office_runs_a_queue(kiosk, point):
    from balai.queueing.models import QueuePrefix, Ticket

    assert 'id="start-queue"' not in kiosk.get("/anjungan/").content.decode()
    prefix = QueuePrefix.objects.create(service_point=point, letter="A", name="Surat desa")
    assert 'id="start-queue"' in kiosk.get("/anjungan/").content.decode()
    # No sign-in needed for a ticket.
    taken = kiosk.post("/anjungan/antrian/", {"kategori": prefix.pk, "idempotency_key": "k"})
    assert taken["Location"].endswith("/anjungan/antrian/tiket/")
    assert Ticket.objects.get().code in kiosk.get("/anjungan/antrian/tiket/").content.decode()
    assert "balai_citizen" not in kiosk.session


def test_the_survey_asks_about_the_case_of_this_turn(signed_in, citizen, point, operator):
    older = _file(point, operator, citizen, "sk-ahli-waris")[0]
    # Without a case in this turn nothing is chosen for the citizen.
    page = signed_in.get("/anjungan/nilai/").content.decode()
    assert "— pilih layanan yang Anda terima —" in page
    assert f'value="case:{older.pk}" selected' not in page
    filed = signed_in.post(
        "/anjungan/layanan/sk-domisili/", {"purpose": "Bank", "idempotency_key": "s1"}
    )
    just_now = int(filed["Location"].rstrip("/").rsplit("/", 1)[1])
    page = signed_in.get("/anjungan/nilai/").content.decode()
    assert f'value="case:{just_now}" selected' in page
    assert "— pilih layanan yang Anda terima —" not in page
    answers = {f"u{i}": "4" for i in range(1, 10)}
    answers.update(age="40", sex="P", education="sma", occupation="wirausaha")
    signed_in.post("/anjungan/nilai/", {**answers, "objek": f"case:{just_now}"})
    assert SurveyResponse.objects.get().case_id == just_now


def test_a_case_already_rated_is_not_offered_again(citizen, point, operator):
    from balai.kiosk.selectors import survey_cases

    first, second = _file(point, operator, citizen, "sk-ahli-waris", n=2)
    assert {c.pk for c in survey_cases(resident=citizen)} == {first.pk, second.pk}
    from balai.feedback.services import SurveyAnswers, survey_submit

    answers = SurveyAnswers(
        scores={f"u{i}": 4 for i in range(1, 10)},
        age=40,
        sex="P",
        education="sma",
        occupation="wirausaha",
    )
    survey_submit(answers=answers, channel="kiosk", case=first, service_point=point)
    assert [c.pk for c in survey_cases(resident=citizen)] == [second.pk]


def test_revoking_a_device_is_marked_destructive_and_asks_first(device, point, make_staff):
    from django.test import Client

    client = Client()
    client.force_login(make_staff("admin_mpp", service_point=point))
    page = client.get(f"/anjungan/kelola/{device.pk}/").content.decode()
    button = page.split('id="revoke-form"')[1].split("</button>")[0]
    assert 'class="danger"' in button and "data-confirm=" in button
