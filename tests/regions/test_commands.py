"""`balai load-regions` and `balai nik check`, via call_command and as the console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from balai.audit.models import AuditEvent
from balai.regions.models import Region

BALAI = str(Path(sys.executable).with_name("balai"))


def test_load_regions_is_idempotent(db, region_subset_file, capsys):
    call_command("load-regions", "--file", str(region_subset_file), "--prefix", "35.10")
    out = capsys.readouterr().out
    created = Region.objects.count()
    assert out.strip() == f"created {created}, updated 0, unchanged 0"
    assert Region.objects.filter(code__startswith="35.09").count() == 0
    assert Region.objects.filter(code="35").exists()  # ancestors come with a subtree
    call_command("load-regions", "--file", str(region_subset_file), "--prefix", "35.10")
    assert capsys.readouterr().out.strip() == f"created 0, updated 0, unchanged {created}"
    assert AuditEvent.objects.filter(action="regions.load").count() == 1


def test_load_regions_repeatable_prefix_and_update(db, region_subset_file, tmp_path, capsys):
    call_command(
        "load-regions",
        "--file",
        str(region_subset_file),
        "--prefix",
        "35.10.05",
        "--prefix",
        "35.09.01",
    )
    assert set(Region.objects.filter(level="district").values_list("code", flat=True)) == {
        "35.10.05",
        "35.09.01",
    }
    capsys.readouterr()
    renamed = tmp_path / "renamed.csv"
    renamed.write_text("code,name,level\n35,Jawa Timur Baru,provinsi\n", encoding="utf-8")
    call_command("load-regions", "--file", str(renamed))
    assert capsys.readouterr().out.strip() == "created 0, updated 1, unchanged 0"
    assert Region.objects.get(code="35").name == "Jawa Timur Baru"


def test_load_regions_refuses_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("load-regions", "--file", str(tmp_path / "missing.csv"))


def nik_check(number: str, capsys) -> tuple[int, dict]:
    try:
        call_command("nik", "check", number)
        status = 0
    except SystemExit as exc:
        status = exc.code
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    return status, json.loads(out[0])


def test_nik_check_valid(regions, capsys):
    status, verdict = nik_check("3510054408870002", capsys)
    assert status == 0
    assert verdict == {
        "valid": True,
        "sex": "P",
        "birth_date": "1987-08-04",
        "region": "35.10.05",
        "region_name": "Muncar",
    }


def test_nik_check_invalid(regions, capsys):
    status, verdict = nik_check("9999993202990000", capsys)
    assert status == 1
    assert verdict["valid"] is False
    assert [e["code"] for e in verdict["errors"]] == ["region", "serial", "date"]
    status, verdict = nik_check("12345", capsys)
    assert (status, verdict["errors"][0]["message"]) == (1, "NIK harus 16 digit.")


def test_console_script_loads_regions_and_checks_niks(tmp_path, region_subset_file):
    if connection.vendor != "sqlite":
        pytest.skip(
            "runs on a SQLite file of its own, whatever the suite's database: once is enough"
        )
    # The real console script on a database of its own, as an operator would run it.
    env = {**os.environ, "BALAI_DATABASE_URL": f"sqlite:///{tmp_path / 'balai.sqlite3'}"}
    env["BALAI_VAR_DIR"] = str(tmp_path)

    def balai(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([BALAI, *args], capture_output=True, text=True, env=env, check=False)

    # Only the tables these commands touch (regions, and audit for the load's event).
    for app in ("regions", "audit"):
        assert balai("migrate", app, "-v", "0").returncode == 0
    loaded = balai("load-regions", "--file", str(region_subset_file), "--prefix", "35.10.05")
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.startswith("created ")
    again = balai("load-regions", "--file", str(region_subset_file), "--prefix", "35.10.05")
    assert again.stdout.strip().startswith("created 0, updated 0, unchanged ")
    ok = balai("nik", "check", "3510050406850001")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout.strip().splitlines()[-1])["region_name"] == "Muncar"
    bad = balai("nik", "check", "3510000406850001")
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["errors"] == [
        {"code": "region", "message": "Kode kecamatan 35.10.00 pada NIK tidak dikenal."}
    ]
