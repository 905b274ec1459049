#!/usr/bin/env python3
"""`make bench`: every bench/*.py in turn, then one JSON object of all their results.

Each benchmark prints progress on stderr (passed through as it comes) and, as its last stdout
line, one JSON object; that object is its result. The last line printed here is
{bench_name: result, ...}; a benchmark that fails or ends without a JSON line gets
{"error": ...} in it, and the exit status is then 1.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"


def python() -> str:
    return str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable


def benches() -> list[Path]:
    return sorted(p for p in HERE.glob("*.py") if p.name != Path(__file__).name)


def last_json(stdout: str) -> dict | str:
    lines = [line for line in stdout.splitlines() if line.strip()]
    if not lines:
        return "no output on stdout"
    try:
        value = json.loads(lines[-1])
    except json.JSONDecodeError:
        return f"last stdout line is not JSON: {lines[-1][:200]}"
    return value if isinstance(value, dict) else f"last stdout line is not an object: {value!r}"


def run(path: Path) -> tuple[bool, dict]:
    print(f"=== {path.stem} ===", file=sys.stderr, flush=True)
    started = time.monotonic()
    # stderr is inherited, so progress shows live; stdout is kept for the result line.
    # -P: bench/ is not put on sys.path, so a script named like a standard module (queue.py)
    # cannot shadow it in the others.
    done = subprocess.run(
        [python(), "-P", str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False
    )
    took = time.monotonic() - started
    result = last_json(done.stdout)
    if done.returncode != 0:
        return False, {"error": f"exit status {done.returncode}", "seconds": round(took, 1)}
    if isinstance(result, str):
        return False, {"error": result, "seconds": round(took, 1)}
    print(json.dumps(result), flush=True)
    print(f"  {path.stem}: done in {took:.1f} s", file=sys.stderr, flush=True)
    return True, result


def main(argv: list[str]) -> int:
    wanted = set(argv)
    results: dict[str, dict] = {}
    failed: list[str] = []
    for path in benches():
        if wanted and path.stem not in wanted:
            continue
        ok, result = run(path)
        results[path.stem] = result
        if not ok:
            failed.append(path.stem)
            print(f"  {path.stem}: FAILED ({result['error']})", file=sys.stderr, flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr, flush=True)
    print(json.dumps(results, sort_keys=True), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
