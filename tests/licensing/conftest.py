"""Licensing fixtures: the full KBLI 2020 table and example risks, a sandbox OSS on loopback,
keys."""

from __future__ import annotations

import pytest

from balai.licensing.gateway import HttpOssGateway
from balai.licensing.sandbox import OssSandbox


@pytest.fixture(scope="session")
def key_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("keys")


@pytest.fixture(autouse=True)
def _document_storage(settings, key_dir, tmp_path):
    settings.DOCUMENTS_KEY_DIR = key_dir
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PUBLIC_BASE_URL = "https://balai.example.id"
    settings.LICENSING_GATEWAY_BACKOFF = 0


def _kbli_ensure() -> set[str]:
    from balai.licensing.kbli import RISK_EXAMPLE_FILE, kbli_load, kbli_risk_load
    from balai.licensing.models import KbliCode, KbliRisk

    codes = set(KbliCode.objects.values_list("code", flat=True))
    if len(codes) < KBLI_2020_CODES:
        kbli_load()
        codes = set(KbliCode.objects.values_list("code", flat=True))
    if not KbliRisk.objects.exists():
        kbli_risk_load(path=RISK_EXAMPLE_FILE, is_example=True)
    return codes


KBLI_2020_CODES = 1791


@pytest.fixture(scope="session")
def _kbli_table(django_db_setup, django_db_blocker):
    # The full table once per session: every test's transaction rolls back onto it.
    with django_db_blocker.unblock():
        _kbli_ensure()


@pytest.fixture
def kbli(_kbli_table, db):
    # A transactional test empties the tables when it ends: load again only then.
    return _kbli_ensure()


@pytest.fixture
def sandbox(kbli):
    with OssSandbox(kbli_codes=kbli) as running:
        running.configure(hang_s=1.0)
        yield running


@pytest.fixture
def gateway(sandbox):
    return HttpOssGateway(sandbox.url, timeout=0.4)


@pytest.fixture
def dpmptsp(make_agency):
    return make_agency(
        code="dpmptsp",
        name="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        short_name="DPMPTSP",
    )


@pytest.fixture
def officer(make_staff, dpmptsp):
    return make_staff("petugas_instansi", agency=dpmptsp)
