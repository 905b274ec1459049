import pytest


def test_health_reports_the_database(client, db):
    response = client.get("/sehat/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.browser
def test_home_page_in_chromium(page, db):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Selamat datang di Balai"
