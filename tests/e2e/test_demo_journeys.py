"""The advertised journeys on a freshly built demo, in a real Chromium: the demo is built once
for the module with `balai demo --no-serve` and served the way `make demo` serves it (demo
mode on), so nothing here is set up beyond what a newcomer gets."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import expect

from balai.core.demo.citizens import PIN
from balai.core.demo.staff import PASSWORD

pytestmark = pytest.mark.browser
BALAI = [sys.executable, "-m", "balai"]
MPP = "mpp-banyuwangi"


def _env(var: Path) -> dict[str, str]:
    env = {**os.environ, "BALAI_VAR_DIR": str(var), "BALAI_DEMO": "1"}
    for name in ("BALAI_DATABASE_URL", "BALAI_TEST_DB_NAME", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    var = tmp_path_factory.mktemp("e2e-demo")
    built = subprocess.run(
        [*BALAI, "demo", "--no-serve", "--regions", "35.10"],
        env=_env(var),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert built.returncode == 0, built.stderr
    port = _free_port()
    server = subprocess.Popen(
        [*BALAI, "serve", "--port", str(port)],
        env=_env(var),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/sehat/", timeout=2)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.2)
        yield {"base": base, "out": built.stdout, "var": var}
    finally:
        server.terminate()
        server.wait(timeout=30)


def _context(chromium, demo, width=1280, height=900):
    context = chromium.new_context(
        base_url=demo["base"],
        viewport={"width": width, "height": height},
        locale="id-ID",
        timezone_id="Asia/Jakarta",
    )
    context.set_default_timeout(15_000)
    return context


def _staff(context, username: str):
    page = context.new_page()
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/")
    return page


def _take(page, category: str, priority: str | None) -> str:
    page.goto(f"/antrian/{MPP}/ambil/")
    page.get_by_label(re.compile(category)).first.check()
    if priority:
        page.get_by_label(priority).check()
    page.get_by_role("button", name="Ambil nomor").click()
    return page.locator("[data-ticket-code]").inner_text().strip()


def test_mpp_ticket_is_called_at_the_counter_and_shown_on_the_board(chromium, demo, screenshot):
    hall, kiosk, officer = (_context(chromium, demo) for _ in range(3))
    try:
        board = hall.new_page()
        board.goto(f"/antrian/papan/{MPP}/")
        take = kiosk.new_page()
        first = _take(take, "Dispendukcapil", None)
        second = _take(take, "Dispendukcapil", None)
        screenshot(take, "e2e-mpp-ticket")
        # A priority class is the counter's to give after seeing the citizen: the officer
        # takes the lansia's ticket at the front desk (queueing/views.py).
        console = _staff(officer, "mpp.loket")
        elder = _take(console, "Dispendukcapil", "Lansia")
        console.goto("/antrian/loket/")
        console.get_by_role("link", name=re.compile("Loket 1")).first.click()
        console.get_by_role("button", name="Masuk ke loket ini").click()
        console.get_by_role("button", name="Panggil", exact=True).click()
        # The lansia ticket came last and is called first (the demo's priority policy).
        expect(console.locator("[data-current]")).to_have_text(elder)
        expect(board.locator("[data-latest-code]")).to_have_text(elder)
        screenshot(console, "e2e-mpp-counter")
        screenshot(board, "e2e-mpp-board")
        console.get_by_role("button", name="Mulai layani").click()
        console.get_by_role("button", name="Selesai").click()
        console.get_by_role("button", name="Panggil", exact=True).click()
        expect(console.locator("[data-current]")).to_have_text(first)
        assert first < second < elder
    finally:
        for context in (hall, kiosk, officer):
            context.close()


def test_a_citizen_signs_in_online_with_the_code_from_the_demo_inbox(chromium, demo, screenshot):
    nik = re.search(r"NIK (\d{16})", demo["out"]).group(1)
    context = _context(chromium, demo)
    try:
        page = context.new_page()
        page.goto("/warga/masuk/")
        page.fill("#id_nik", nik)
        page.fill("#id_pin", PIN)
        page.click("form.portal-sign-in button")
        page.wait_for_url("**/warga/masuk/kode/")
        inbox = context.new_page()
        inbox.goto("/notifikasi/demo/")
        text = inbox.locator("tr.demo-message").first.inner_text()
        code = re.search(r"\b(\d{6})\b", text).group(1)
        screenshot(inbox, "e2e-demo-inbox")
        page.fill("#id_code", code)
        page.click("form.portal-code button")
        page.wait_for_url("**/warga/permohonan/")
        screenshot(page, "e2e-citizen-signed-in")
    finally:
        context.close()


def test_the_printed_kiosk_token_enrols_this_browser(chromium, demo, screenshot):
    token = re.search(r"token ([A-Za-z0-9_-]{40,})", demo["out"]).group(1)
    context = _context(chromium, demo, 1080, 1920)
    try:
        page = context.new_page()
        page.goto("/anjungan/pasang/")
        page.locator("#enrol-form input[name=token]").fill(token)
        page.locator("#enrol-form button").click()
        page.wait_for_url("**/anjungan/")
        screenshot(page, "e2e-kiosk-home")
        assert any(c["name"] == "balai_kiosk" for c in context.cookies())
    finally:
        context.close()


def test_the_api_docs_render_with_no_csp_error(chromium, demo, screenshot):
    context = _context(chromium, demo)
    try:
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text))
        page.goto("/api/v1/docs")
        page.locator(".swagger-ui .info .title").filter(has_text="Balai API").wait_for()
        screenshot(page, "e2e-api-docs")
        assert not [p for p in problems if "Content Security Policy" in p], problems
    finally:
        context.close()


def test_an_unknown_address_shows_balais_own_404(chromium, demo):
    context = _context(chromium, demo)
    try:
        page = context.new_page()
        response = page.goto("/tidak-ada/halaman-ini/")
        assert response.status == 404
        assert "Tidak ditemukan" in page.inner_text("main")
        assert "URLconf" not in page.content()
    finally:
        context.close()


SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
SKIP_LINK = re.compile(r"(keluar|logout|unduh|\.csv|\.xlsx|\.pdf|\.zip|/admin/|/i18n/|/arus/)")
CRAWL_LIMIT = 60
VISIBLE_TEXT = """() => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('code, pre, kbd, samp, script, style, input, textarea, select')
      .forEach(e => e.remove());
  return copy.innerText;
}"""


def _crawl(page, start: str) -> tuple[dict[str, set[str]], set[str]]:
    """Pages reachable from the staff navigation and the pages it lists, breadth first,
    at most CRAWL_LIMIT of them: each page's snake_case words in visible text."""
    seen: set[str] = set()
    shapes: Counter[str] = Counter()  # /penduduk/N/: two of a kind say as much as two hundred
    queue = [start]
    found: dict[str, set[str]] = {}
    while queue and len(seen) < CRAWL_LIMIT:
        url = queue.pop(0)
        shape = re.sub(r"\d+", "N", url.split("?")[0])
        if url in seen or shapes[shape] >= 2:
            continue
        seen.add(url)
        shapes[shape] += 1
        response = page.goto(url)
        if (
            response is None
            or response.status >= 400
            or "text/html" not in (response.headers.get("content-type", ""))
        ):
            continue
        words = set(SNAKE.findall(page.evaluate(VISIBLE_TEXT)))
        if words:
            found[url] = words
        for href in page.eval_on_selector_all(
            "nav a[href], main a[href]", "els => els.map(e => e.getAttribute('href'))"
        ):
            if href.startswith("/") and not SKIP_LINK.search(href) and href not in seen:
                queue.append(href.split("#")[0])
    return found, seen


@pytest.mark.parametrize("username", ["admin.banyuwangi", "op.sumberberas", "mpp.admin"])
def test_staff_pages_show_words_not_code_identifiers(chromium, demo, username):
    context = _context(chromium, demo)
    try:
        page = _staff(context, username)
        found, visited = _crawl(page, "/")
    finally:
        context.close()
    assert len(visited) >= 8, visited
    report = "\n".join(f"{url}: {', '.join(sorted(w))}" for url, w in sorted(found.items()))
    print(f"{username}: {len(visited)} pages", *sorted(visited), report, sep="\n")
    assert not found, report
