"""Reads of programmes: the public ones need no viewer and show masked data only; every staff
read takes the viewer and is scoped by accounts.permissions.restrict."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from balai.accounts.permissions import restrict
from balai.people.nik import mask_nik
from balai.programs.choices import HOLDS_QUOTA, ApplicationStatus, TransferStatus, VoucherStatus
from balai.programs.models import Application, Programme, Transfer, Voucher

PUBLIC_PAGE = 100


def programmes_public() -> QuerySet[Programme]:
    return Programme.objects.select_related("owner_agency").order_by("code")


def beneficiaries_public(programme: Programme, *, page: int = 1) -> list[dict[str, str]]:
    """The published list of beneficiaries: name, masked NIK, village (UU 27/2022: masked)."""
    offset = max(page - 1, 0) * PUBLIC_PAGE
    rows = (
        Application.objects.filter(programme=programme, status=ApplicationStatus.APPROVED)
        .order_by("village__name", "applicant_name", "pk")
        .values("applicant_name", "nik", "village__name", "amount")[offset : offset + PUBLIC_PAGE]
    )
    return [
        {
            "name": r["applicant_name"],
            "nik": mask_nik(r["nik"]),
            "village": r["village__name"],
            "amount": r["amount"],
        }
        for r in rows
    ]


def application_tracked(code: str) -> Application | None:
    """For the public tracking page, by tracking code only."""
    code = (code or "").strip().upper()
    if not code or len(code) > 12:
        return None
    return (
        Application.objects.select_related("programme", "village")
        .filter(tracking_code=code)
        .first()
    )


def applications_for(
    viewer: Any, *, programme: Programme | None = None, status: str | None = None
) -> QuerySet[Application]:
    qs = Application.objects.select_related("programme", "village").order_by("-submitted_at")
    if programme is not None:
        qs = qs.filter(programme=programme)
    if status:
        qs = qs.filter(status=status)
    return restrict(viewer, "programs.view", qs)


def application_for(viewer: Any, *, code: str) -> Application | None:
    return applications_for(viewer).filter(tracking_code=code).first()


def budget_usage(viewer: Any, programme: Programme) -> dict[str, Any]:
    """Planned budget against what is committed (approved) and spent (paid, handed over,
    redeemed), for the programme and per district and village, within the viewer's scope."""
    apps = applications_for(viewer, programme=programme)
    committed = apps.filter(status=ApplicationStatus.APPROVED)
    spent_transfers = Transfer.objects.filter(
        application__in=committed,
        status__in=[TransferStatus.PAID, TransferStatus.HANDED_OVER],
    )
    spent_vouchers = Voucher.objects.filter(
        application__in=committed, status=VoucherStatus.REDEEMED
    )

    def by(field: str) -> list[dict[str, Any]]:
        rows: dict[str, dict[str, Any]] = {}
        for r in committed.values(field).annotate(n=Count("pk"), amount=Sum("amount")):
            rows[r[field]] = {
                "key": r[field],
                "beneficiaries": r["n"],
                "committed": r["amount"],
                "spent": 0,
            }
        for qs, value in ((spent_transfers, "amount"), (spent_vouchers, "value")):
            for r in qs.values(f"application__{field}").annotate(s=Sum(value)):
                rows.setdefault(
                    r[f"application__{field}"],
                    {
                        "key": r[f"application__{field}"],
                        "beneficiaries": 0,
                        "committed": 0,
                        "spent": 0,
                    },
                )["spent"] += r["s"] or 0
        return sorted(rows.values(), key=lambda x: x["key"])

    totals = committed.aggregate(n=Count("pk"), amount=Sum("amount"))
    spent = (spent_transfers.aggregate(s=Sum("amount"))["s"] or 0) + (
        spent_vouchers.aggregate(s=Sum("value"))["s"] or 0
    )
    return {
        "planned": programme.budget,
        "committed": totals["amount"] or 0,
        "spent": spent,
        "beneficiaries": totals["n"],
        "districts": by("district_code"),
        "villages": by("village__name"),
        "statuses": dict(apps.values_list("status").annotate(n=Count("pk"))),
    }


def duplicates(viewer: Any) -> list[dict[str, Any]]:
    """NIKs and family cards that hold places in more than one programme at once."""
    holding = applications_for(viewer).filter(status__in=HOLDS_QUOTA)
    out = []
    for field, label in (("nik", "NIK"), ("kk_number", "KK")):
        rows = (
            holding.exclude(**{field: ""})
            .values(field)
            .annotate(programmes=Count("programme", distinct=True), n=Count("pk"))
            .filter(Q(programmes__gt=1))
            .order_by(field)[:200]
        )
        for r in rows:
            codes = sorted(
                set(holding.filter(**{field: r[field]}).values_list("programme__code", flat=True))
            )
            out.append({"kind": label, "number": mask_nik(r[field]), "programmes": codes})
    return out
