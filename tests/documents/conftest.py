"""Document fixtures: a keystore and media folder per test session, a letter type, a resident."""

from __future__ import annotations

import pytest

from tests.fixtures import VILLAGE


@pytest.fixture(scope="session")
def key_dir(signing_key_dir):
    return signing_key_dir


@pytest.fixture(autouse=True)
def _document_storage(settings, key_dir, tmp_path):
    settings.DOCUMENTS_KEY_DIR = key_dir
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PUBLIC_BASE_URL = "https://balai.example.id"


@pytest.fixture
def letter_type(db):
    from balai.documents.bodies import body_for
    from balai.documents.models import DocumentType

    return DocumentType.objects.create(
        code="sk-domisili", name="Surat Keterangan Domisili", body=body_for("sk-domisili")
    )


@pytest.fixture
def village(regions):
    return regions.get(code=VILLAGE)


@pytest.fixture
def resident(make_resident):
    return make_resident(name="Siti Aminah", sex="P")
