"""`balai ikm compute --csv FILE` as an operator runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

HEADER = "u1,u2,u3,u4,u5,u6,u7,u8,u9\n"


def _run(path: Path) -> dict:
    out = StringIO()
    call_command("ikm", "compute", "--csv", str(path), stdout=out)
    return json.loads(out.getvalue().strip().splitlines()[-1])


def test_prints_the_index_as_one_json_object(tmp_path: Path) -> None:
    path = tmp_path / "skm.csv"
    # Ten respondents, 318 points: 88.33, grade A (0.111 as the weight would give 88.25, B).
    rows = ["4,4,4,4,4,4,4,4,4"] * 5 + ["4,4,4,3,3,3,3,3,3"] + ["3,3,3,3,3,3,3,3,3"] * 4
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    assert _run(path) == {
        "respondents": 10,
        "nrr": [3.6, 3.6, 3.6, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5],
        "ikm": 3.5333,
        "ikm_converted": 88.33,
        "grade": "A",
    }


def test_header_may_be_upper_case_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "skm.csv"
    path.write_text("\ufeffU1,U2,U3,U4,U5,U6,U7,U8,U9\r\n1,1,1,1,1,1,1,1,1\r\n", encoding="utf-8")
    result = _run(path)
    assert (result["ikm_converted"], result["grade"]) == (25.0, "D")


def test_a_bad_row_exits_1_with_errors_by_line(tmp_path: Path) -> None:
    path = tmp_path / "skm.csv"
    path.write_text(
        HEADER + "4,4,4,4,4,4,4,4,4\n4,4,5,4,4,4,4,4,4\n\n4,4,4\n4,4,4,4,4,4,4,4,x\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "balai", "ikm", "compute", "--csv", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    errors = json.loads(done.stdout.strip().splitlines()[-1])["errors"]
    assert [(e["line"], e["code"]) for e in errors] == [
        (3, "score_out_of_range"),
        (5, "wrong_score_count"),
        (6, "score_not_integer"),
    ]
    assert errors[0]["element"] == "u3"
    assert "kesalahan" in done.stderr


@pytest.mark.parametrize(
    ("text", "code"),
    [("", "empty_file"), ("a,b,c\n1,2,3\n", "bad_header"), (HEADER, "no_respondents")],
)
def test_files_without_respondents_are_refused(tmp_path: Path, text: str, code: str) -> None:
    path = tmp_path / "skm.csv"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("ikm", "compute", "--csv", str(path), stdout=out)
    assert json.loads(out.getvalue())["errors"][0]["code"] == code
