"""`balai demo` on a throwaway SQLite file, in a subprocess so the test database is untouched."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import check_password

from balai.core.demo.staff import PASSWORD
from balai.people.synthetic import generate_rows

BALAI = [sys.executable, "-m", "balai"]
RESIDENTS = 300


def run_demo(var: Path, *args: str, database: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "BALAI_VAR_DIR": str(var)}
    env.pop("BALAI_DATABASE_URL", None)
    env.pop("BALAI_TEST_DB_NAME", None)
    if database:
        env["BALAI_DATABASE_URL"] = database
    return subprocess.run(
        [*BALAI, "demo", "--no-serve", *args], env=env, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    var = tmp_path_factory.mktemp("demo")
    (var / "balai.sqlite3").write_text("an old demo")  # replaced, not reused
    done = run_demo(var, "--residents", str(RESIDENTS), "--seed", "7", "--regions", "35.10")
    assert done.returncode == 0, done.stderr
    db = sqlite3.connect(var / "balai.sqlite3")
    yield done, db, var
    db.close()


def rows(db, sql, *params):
    return db.execute(sql, params).fetchall()


def test_demo_builds_banyuwangi(demo):
    done, db, _ = demo
    assert "database deleted and recreated" in done.stderr
    villages = {
        code
        for (code,) in rows(db, "SELECT code FROM regions_region WHERE level = 'village'")
        if code.startswith("35.10.")
    }
    assert len(villages) == 217
    per_village = dict(rows(db, "SELECT village_id, COUNT(*) FROM people_resident GROUP BY 1"))
    assert sum(per_village.values()) == RESIDENTS
    assert set(per_village) <= villages
    heads = rows(db, "SELECT COUNT(*) FROM people_resident WHERE relationship = 'kepala_keluarga'")
    assert heads == rows(db, "SELECT COUNT(*) FROM people_family")
    assert rows(db, "SELECT DISTINCT regency_code FROM people_resident") == [("35.10",)]


def test_every_village_and_district_has_its_staff(demo):
    _, db, _ = demo
    scoped = rows(
        db,
        "SELECT r.role, r.region_id FROM accounts_staffrole r "
        "JOIN regions_region g ON g.code = r.region_id",
    )
    villages = [c for (c,) in rows(db, "SELECT code FROM regions_region WHERE level='village'")]
    districts = [c for (c,) in rows(db, "SELECT code FROM regions_region WHERE level='district'")]
    for role, places in [
        ("operator_desa", villages),
        ("kepala_desa", villages),
        ("operator_kecamatan", districts),
        ("camat", districts),
    ]:
        assert sorted(r for k, r in scoped if k == role) == sorted(places), role
    roles = dict(rows(db, "SELECT role, COUNT(*) FROM accounts_staffrole GROUP BY role"))
    assert roles["admin_kabupaten"] == roles["auditor"] == 1
    assert roles["admin_mpp"] == 1
    # mpp.loket and 23 agency officers at the MPP, five per market desk, one per village office
    assert roles["petugas_loket"] == 24 + 5 + 5 + 2
    assert roles["petugas_instansi"] == 24  # one per MPP tenant agency


def test_the_printed_logins_work(demo):
    done, db, _ = demo
    assert f"Password for every account: {PASSWORD}" in done.stdout
    for username in ["admin", "op.sumberberas", "kades.sumberberas", "camat.muncar", "mpp.admin"]:
        assert f" {username} " in done.stdout
    [(encoded, active, staff)] = rows(
        db,
        "SELECT password, is_active, is_staff FROM accounts_user WHERE username = ?",
        "op.sumberberas",
    )
    assert active and not staff and check_password(PASSWORD, encoded)
    assert not check_password("wrong", encoded)
    [(role, region)] = rows(
        db,
        "SELECT r.role, r.region_id FROM accounts_staffrole r JOIN accounts_user u "
        "ON u.id = r.user_id WHERE u.username = 'op.sumberberas'",
    )
    assert (role, region) == ("operator_desa", "35.10.05.2001")
    [(superuser,)] = rows(db, "SELECT is_superuser FROM accounts_user WHERE username = 'admin'")
    assert superuser


def test_every_queue_of_the_demo_has_categories_counters_officers_and_a_policy(demo):
    done, db, _ = demo
    points = dict(
        rows(
            db,
            "SELECT p.code, COUNT(c.id) FROM catalog_servicepoint p JOIN queueing_counter c "
            "ON c.service_point_id = p.id GROUP BY p.code",
        )
    )
    assert points["mpp-banyuwangi"] == 24
    assert points["pasar-genteng"] == points["pasar-rogojampi"] == 5
    assert points["kantor-desa-35.10.05.2001"] == 1  # Sumberberas
    assert len(points) == 5
    prefixes = rows(
        db,
        "SELECT COUNT(*) FROM queueing_queueprefix q JOIN catalog_servicepoint p "
        "ON p.id = q.service_point_id WHERE p.code = 'mpp-banyuwangi'",
    )
    assert prefixes == [(24,)]
    policies = rows(db, "SELECT classes, mode FROM queueing_prioritypolicy")
    assert len(policies) == 5
    assert all(json.loads(c) == ["lansia", "disabilitas", "ibu_hamil"] for c, _ in policies)
    # Every counter's officer may work it: a petugas_loket role at that point.
    [(missing,)] = rows(
        db,
        "SELECT COUNT(*) FROM queueing_counter c WHERE NOT EXISTS (SELECT 1 FROM "
        "accounts_staffrole r WHERE r.role = 'petugas_loket' "
        "AND r.service_point_id = c.service_point_id)",
    )
    assert missing == 0
    assert "/antrian/mpp-banyuwangi/ambil/" in done.stdout


def test_the_demo_prints_a_working_kiosk_token_and_its_pin_citizens(demo):
    done, db, var = demo
    token = (var / "demo" / "kiosk-token.txt").read_text().strip()
    assert f"token {token}" in done.stdout
    [(point,)] = rows(
        db,
        "SELECT p.code FROM kiosk_kioskdevice k JOIN catalog_servicepoint p "
        "ON p.id = k.service_point_id WHERE k.revoked_at IS NULL",
    )
    assert point == "kantor-desa-35.10.05.2001"
    pins = rows(
        db,
        "SELECT r.nik FROM citizens_citizenpin c JOIN people_resident r ON r.id = c.resident_id",
    )
    for (nik,) in pins:
        assert f"NIK {nik}" in done.stdout


def test_the_audit_trail_of_the_demo_verifies(demo):
    _, _, var = demo
    env = {**os.environ, "BALAI_VAR_DIR": str(var)}
    env.pop("BALAI_DATABASE_URL", None)
    done = subprocess.run([*BALAI, "audit", "verify"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout.strip().splitlines()[-1])
    assert body["valid"] and body["events"] > 0


def test_same_seed_gives_the_same_residents(demo):
    # The demo's register is exactly what the generator gives for its seed, and only for it.
    _, db, _ = demo
    stored = set(rows(db, "SELECT nik, name FROM people_resident"))
    villages = [
        code
        for (code,) in rows(db, "SELECT code FROM regions_region WHERE level = 'village'")
        if code.startswith("35.10.")
    ]

    def generated(seed):
        return {(r["nik"], r["nama"]) for r in generate_rows(sorted(villages), RESIDENTS, seed)}

    assert generated(7) == stored
    assert generated(8) != stored


def test_a_database_that_is_not_the_demo_file_is_refused(tmp_path):
    other = tmp_path / "keep.sqlite3"
    other.write_text("precious")
    done = run_demo(tmp_path / "var", database=f"sqlite:///{other}")
    assert done.returncode != 0
    assert "--force" in done.stderr
    assert other.read_text() == "precious"
