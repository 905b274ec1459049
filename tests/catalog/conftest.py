from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from balai.catalog.loading import DATA_DIR

SMALL = Path(__file__).resolve().parent / "data" / "small"


@pytest.fixture
def small_catalog(tmp_path: Path) -> Path:
    """A copy of the small test catalog with the real workflow library, free to break."""
    target = tmp_path / "catalog"
    shutil.copytree(SMALL, target)
    shutil.copy(DATA_DIR / "workflows.yaml", target / "workflows.yaml")
    return target
