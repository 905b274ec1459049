"""Shared fixtures: databases, regions, staff, and a real Chromium driven by Playwright."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must still allow the
# test's own ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("BALAI_CHROMIUM", "/usr/bin/chromium")
SCREENSHOT_DIR = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
REQUIRE_BROWSER = os.environ.get("BALAI_REQUIRE_BROWSER") == "1"

pytest_plugins = ["tests.fixtures", "tests.notifications.fixtures"]


@pytest.fixture(autouse=True)
def _default_language():
    """A request for an /en/ page switches the thread's language; every test starts and ends in
    Bahasa Indonesia, so URLs reversed in one test never carry another test's prefix."""
    from django.utils import translation

    translation.activate("id")
    yield
    translation.activate("id")


# --- Password hashing -----------------------------------------------------------------------
# Argon2 costs about 0.18 s a hash by design; staff and PIN fixtures hash thousands of times a
# pass. Tests hash with MD5 first unless they are about hashing itself (marker `argon2`), and
# Argon2 stays listed so a hash made either way still verifies.
@pytest.fixture(autouse=True)
def _fast_password_hashing(request: pytest.FixtureRequest, settings) -> None:
    if request.node.get_closest_marker("argon2") is not None:
        return
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]


# --- Markers that need a part of the machine ------------------------------------------------
@pytest.fixture(autouse=True)
def _needs_postgres(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("postgres") is None:
        return
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (runs in the PostgreSQL pass of make test)")


# --- Signing keys ---------------------------------------------------------------------------
@pytest.fixture(scope="session")
def signing_key_dir(tmp_path_factory, region_subset_file: Path) -> Path:
    """One keystore for the session, with a signing official for every village and kecamatan
    office of the test regions and every agency of the shipped catalog: a case reaching
    `issued` signs its product with the office's key, and refuses when there is none
    (documents/case_products.py)."""
    import csv
    import shutil

    import yaml
    from django.test import override_settings

    from balai.catalog.loading import DATA_DIR

    path = tmp_path_factory.mktemp("keys")
    with override_settings(DOCUMENTS_KEY_DIR=path):
        from balai.documents import keystore

        with region_subset_file.open(encoding="utf-8") as rows:
            codes = [r["code"] for r in csv.DictReader(rows) if r["code"].count(".") >= 2]
        agencies = yaml.safe_load((DATA_DIR / "agencies.yaml").read_text())["agencies"]
        codes += [f"agency-{a['code']}" for a in agencies]
        # One key pair copied under every office's name: making hundreds of keys would cost
        # more than the suite gains from their being different.
        made = keystore.official_key_ensure(office_code="pola", common_name="Pejabat Uji")
        for code in codes:
            for source in (made.key_path, made.cert_path):
                shutil.copyfile(
                    source, path / source.name.replace("official-pola", f"official-{code}")
                )
    return path


@pytest.fixture(autouse=True)
def _signing_keys(settings, signing_key_dir: Path, tmp_path: Path) -> None:
    settings.DOCUMENTS_KEY_DIR = signing_key_dir
    settings.MEDIA_ROOT = tmp_path / "media"
    # Each test's audit logs sign with their own keys and publish into their own folder.
    settings.AUDIT_LOG_DIR = tmp_path / "audit-log"


# --- Browser --------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if REQUIRE_BROWSER:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


def _new_page(chromium, live_server, viewport: dict[str, int]):
    context = chromium.new_context(
        base_url=live_server.url, viewport=viewport, locale="id-ID", timezone_id="Asia/Jakarta"
    )
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def page(chromium, live_server):
    context, page = _new_page(chromium, live_server, {"width": 1280, "height": 900})
    yield page
    context.close()


@pytest.fixture
def phone_page(chromium, live_server):
    context, page = _new_page(chromium, live_server, {"width": 390, "height": 844})
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """Saves a screenshot under docs/screenshots/ when BALAI_SCREENSHOTS=1 (make screenshots)."""

    def take(page, name: str, full_page: bool = True) -> None:
        if os.environ.get("BALAI_SCREENSHOTS") == "1":
            SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=full_page)

    return take


# --- A report the test runner reads, to fail CI when a required part was skipped ------------
_outcomes: Counter[str] = Counter()
_skips: list[dict[str, str]] = []


_DATABASE_FIXTURES = frozenset(
    {"db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_blocker"}
)


def _uses_database(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db") is not None:
        return True
    return bool(_DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The second pass of `make test` (BALAI_TEST_PASS=postgres) runs only what PostgreSQL can
    change: tests that never touch a database and the browser tests (which test pages, not
    the database under them) already ran in the SQLite pass."""
    if os.environ.get("BALAI_TEST_PASS") != "postgres":
        return
    kept, dropped = [], []
    for item in items:
        once = item.get_closest_marker("browser") is not None or not _uses_database(item)
        (dropped if once else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.passed and "browser" in getattr(report, "keywords", {}):
        _outcomes["browser_passed"] += 1
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        outcome = report.outcome
        if outcome == "failed" and report.when == "setup":
            outcome = "error"
        _outcomes[outcome] += 1
        if report.skipped:
            markers = [m for m in ("postgres", "browser") if m in getattr(report, "keywords", {})]
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
            _skips.append({"test": report.nodeid, "markers": markers, "reason": reason})


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    target = os.environ.get("BALAI_TEST_REPORT")
    if not target or hasattr(session.config, "workerinput"):
        return
    Path(target).write_text(
        json.dumps({"outcomes": dict(_outcomes), "skips": _skips, "exitstatus": int(exitstatus)})
    )
