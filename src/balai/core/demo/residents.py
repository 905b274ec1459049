"""Synthetic residents for the demo, loaded the way a village's own export would be.

The rows come from the register's generator (`people.synthetic`, the same for the same seed)
and go through the register's importer (`people.importing`), so the demo runs every NIK, KK
and family rule a real import runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from django.conf import settings


class ResidentsUnavailable(Exception):
    """This build has no synthetic generator or importer for the register."""


def residents_file(*, seed: int) -> Path:
    return Path(settings.VAR_DIR) / "demo" / f"residents-seed{seed}.csv"


def residents_create(*, villages: Sequence[str], total: int, seed: int) -> tuple[int, int, Path]:
    """(residents written, rows refused, the CSV file) for `total` residents of `villages`."""
    try:
        from balai.people.importing import residents_import
        from balai.people.synthetic import generate_rows, rows_write_csv
    except ImportError as exc:
        raise ResidentsUnavailable(str(exc)) from exc
    path = residents_file(seed=seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    if total == 0 or not villages:
        return 0, 0, path
    rows_write_csv(generate_rows(list(villages), total, seed), path)
    summary = residents_import(
        actor="balai demo", path=path, report_path=path.with_suffix(".errors.csv")
    )
    return summary.created, summary.bad, path
