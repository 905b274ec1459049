"""/api/v1/docs draws Swagger UI from Balai's own static files under the site's strict CSP."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_the_api_docs_render_with_no_csp_error(page, live_server, screenshot):
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(m.text) if m.type in ("error", "warning") else None,
    )
    external: list[str] = []
    page.on(
        "request",
        lambda r: external.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    response = page.goto("/api/v1/docs")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator(".swagger-ui .info .title").filter(has_text="Balai API").wait_for()
    page.locator(".opblock").first.wait_for()
    screenshot(page, "api-docs")
    assert not [p for p in problems if "Content Security Policy" in p], problems
    assert external == []
