"""Reading respondents' scores from a CSV file with the header `u1,...,u9`."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from balai.feedback.ikm import ELEMENT_CODES, RowIssue, respondent_validate


def respondents_read_csv(*, lines: Iterable[str]) -> tuple[list[tuple[int, ...]], list[RowIssue]]:
    """Every row checked; the rows are usable only when the issue list is empty."""
    reader = csv.reader(lines)
    header = next(reader, None)
    if header is None:
        return [], [RowIssue("empty_file", _("Berkas kosong."), line=1)]
    names = [h.strip().lower().lstrip("\ufeff") for h in header]
    if names != list(ELEMENT_CODES):
        return [], [
            RowIssue(
                "bad_header",
                _("Baris judul harus tepat u1,u2,u3,u4,u5,u6,u7,u8,u9."),
                line=1,
            )
        ]
    rows: list[tuple[int, ...]] = []
    issues: list[RowIssue] = []
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(ELEMENT_CODES):
            issues.append(
                RowIssue(
                    "wrong_score_count",
                    _("Baris harus berisi 9 nilai, ditemukan %(n)d.") % {"n": len(record)},
                    line=line,
                )
            )
            continue
        scores, row_issues = respondent_validate(
            scores=dict(zip(ELEMENT_CODES, record, strict=True)), line=line
        )
        if scores is None:
            issues.extend(row_issues)
        else:
            rows.append(scores)
    if not rows and not issues:
        issues.append(RowIssue("no_respondents", _("Tidak ada responden dalam berkas."), line=2))
    return rows, issues
