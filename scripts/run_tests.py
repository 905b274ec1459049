#!/usr/bin/env python3
"""`make test`: the whole suite on SQLite, then on PostgreSQL where one is reachable.

Prints which tests were skipped and why. With BALAI_STRICT=1 (CI) it fails when PostgreSQL
or Chromium is missing, when a PostgreSQL or browser test was skipped in the pass that must
run it, or when a pass ran no test at all.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


def postgres_url() -> tuple[str | None, str]:
    url = os.environ.get("BALAI_TEST_DATABASE_URL") or LOCAL_POSTGRES
    try:
        import psycopg

        psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3).close()
    except Exception as exc:  # any failure means "not reachable"; the reason is printed
        return None, f"PostgreSQL not reachable at {url}: {str(exc).strip().splitlines()[0]}"
    return url, ""


def worker_args(pytest_args: list[str]) -> list[str]:
    """Two pytest workers by default (BALAI_TEST_WORKERS, 0 for one process): the suite waits
    on browsers and the database as much as on the CPU, so two halve a pass on two cores."""
    workers = os.environ.get("BALAI_TEST_WORKERS", "2")
    if workers in ("", "0", "1") or any(a == "-n" or a.startswith("-n") for a in pytest_args):
        return []
    try:
        import xdist  # noqa: F401
    except ImportError:
        return []
    return ["-n", workers]


def run_pass(name: str, env_extra: dict[str, str], pytest_args: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        env = {**os.environ, **env_extra, "BALAI_TEST_REPORT": str(report)}
        env.setdefault("BALAI_VAR_DIR", str(Path(tmp) / "var"))
        print(f"\n=== {name} ===", flush=True)
        code = subprocess.call(
            [
                sys.executable,
                "-m",
                "pytest",
                "--durations=15",
                *worker_args(pytest_args),
                *pytest_args,
            ],
            cwd=ROOT,
            env=env,
        )
        data = json.loads(report.read_text()) if report.exists() else {"outcomes": {}, "skips": []}
    data["exit"] = code
    data["name"] = name
    return data


def problems(result: dict, *, pass_kind: str, strict: bool) -> list[str]:
    found: list[str] = []
    outcomes = result["outcomes"]
    if result["exit"] not in (0,):
        found.append(f"{result['name']}: pytest exited with {result['exit']}")
    if outcomes.get("passed", 0) == 0:
        found.append(f"{result['name']}: no test passed")
    if strict:
        for skip in result["skips"]:
            if "browser" in skip["markers"]:
                found.append(f"{result['name']}: browser test skipped: {skip['test']}")
            if pass_kind == "postgres" and "postgres" in skip["markers"]:  # noqa: S105
                found.append(f"{result['name']}: PostgreSQL test skipped: {skip['test']}")
    return found


def print_skips(result: dict) -> None:
    reasons: dict[str, int] = {}
    for skip in result["skips"]:
        reasons[skip["reason"]] = reasons.get(skip["reason"], 0) + 1
    for reason, count in sorted(reasons.items()):
        print(f"  {result['name']}: skipped {count}: {reason}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    args, pytest_args = parser.parse_known_args()
    strict = os.environ.get("BALAI_STRICT") == "1"
    results: list[tuple[str, dict]] = []
    notes: list[str] = []

    if args.only in (None, "sqlite"):
        results.append(
            (
                "sqlite",
                run_pass("SQLite", {"BALAI_DATABASE_URL": "sqlite:///:memory:"}, pytest_args),
            )
        )
    if args.only in (None, "postgres"):
        url, why = postgres_url()
        if url is None:
            notes.append(f"PostgreSQL pass skipped: {why}")
        else:
            env = {
                "BALAI_TEST_PASS": "postgres",
                "BALAI_DATABASE_URL": url,
                "BALAI_TEST_DB_NAME": os.environ.get(
                    "BALAI_TEST_DB_NAME", f"test_balai_{os.getpid()}"
                ),
            }
            results.append(("postgres", run_pass("PostgreSQL", env, pytest_args)))

    failures: list[str] = []
    if strict and not any(kind == "postgres" for kind, _ in results):
        failures.append("strict: the PostgreSQL pass did not run")
    # Browser tests run in the SQLite pass only (tests/conftest.py); in CI some must have run.
    browser_passed = sum(r["outcomes"].get("browser_passed", 0) for _, r in results)
    if strict and not browser_passed and "-m" not in pytest_args and "-k" not in pytest_args:
        failures.append("strict: no browser test ran")
    for kind, result in results:
        failures += problems(result, pass_kind=kind, strict=strict)

    print("\n=== summary ===")
    totals = {"passed": 0, "failed": 0, "skipped": 0}
    for _, result in results:
        o = result["outcomes"]
        failed = o.get("failed", 0) + o.get("error", 0)
        print(
            f"  {result['name']}: {o.get('passed', 0)} passed, {failed} failed, "
            f"{o.get('skipped', 0)} skipped ({o.get('browser_passed', 0)} in a browser)"
        )
        print_skips(result)
        totals["passed"] += o.get("passed", 0)
        totals["failed"] += failed
        totals["skipped"] += o.get("skipped", 0)
    for note in notes:
        print(f"  {note}")
    for failure in failures:
        print(f"  FAIL {failure}")
    if failures and totals["failed"] == 0:
        totals["failed"] = len(failures)
    print(
        f"total: {totals['passed']} passed, {totals['failed']} failed, {totals['skipped']} skipped"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
