"""Dashboard pages and exports. Thin: the subject is checked, the selectors count."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import cache_control

from balai.accounts.permissions import has_perm_anywhere
from balai.insights import presentation
from balai.insights.forms import PeriodForm
from balai.insights.periods import WEEK, Period, period_default
from balai.insights.selectors import PUBLIC_MIN_CASES, dashboard, public_service_times
from balai.insights.subjects import (
    VIEW_PERM,
    Kind,
    Subject,
    subject_children,
    subject_get,
    subject_units,
    subjects_home,
)
from balai.insights.tables import TABLES, dashboard_csv, dashboard_xlsx

# URL words for the kinds of dashboard, in Bahasa Indonesia like every other path.
KIND_SLUGS = {
    "desa": Kind.VILLAGE,
    "kecamatan": Kind.DISTRICT,
    "kabupaten": Kind.REGENCY,
    "instansi": Kind.AGENCY,
    "tempat-layanan": Kind.SERVICE_POINT,
}
SLUG_OF = {kind: slug for slug, kind in KIND_SLUGS.items()}


def subject_url_args(subject: Subject) -> dict[str, str]:
    return {"kind": SLUG_OF[subject.kind], "key": subject.key}


def _guard(request: HttpRequest) -> None:
    if not has_perm_anywhere(request.user, VIEW_PERM):
        raise PermissionDenied


def _subject(request: HttpRequest, kind: str, key: str) -> Subject:
    _guard(request)
    subject = subject_get(viewer=request.user, kind=KIND_SLUGS.get(kind, ""), key=key)
    if subject is None:
        raise Http404
    return subject


def _period(request: HttpRequest) -> tuple[PeriodForm, Period]:
    grain = request.GET.get("tren") or WEEK
    form = PeriodForm(request.GET if "mulai" in request.GET else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, Period(start=data["mulai"], end=data["sampai"], grain=data["tren"] or WEEK)
    default = period_default(grain=grain if grain in ("week", "month") else WEEK)
    if not form.is_bound:
        form = PeriodForm(initial={"mulai": default.start, "sampai": default.end, "tren": grain})
    return form, default


@login_required
def home(request: HttpRequest) -> HttpResponse:
    _guard(request)
    subjects = subjects_home(viewer=request.user)
    if len(subjects) == 1:
        return redirect("insights:dashboard", **subject_url_args(subjects[0]))
    return render(
        request,
        "insights/home.html",
        {"subjects": [(s, subject_url_args(s)) for s in subjects]},
    )


@login_required
def dashboard_page(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    subject = _subject(request, kind, key)
    form, period = _period(request)
    d = dashboard(viewer=request.user, subject=subject, period=period)
    links = subject_units(subject=subject)
    return render(
        request,
        "insights/dashboard.html",
        {
            "d": d,
            "form": form,
            "query": request.GET.urlencode(),
            "kind_slug": kind,
            "trend_chart": presentation.trend_chart(d),
            "ranking_chart": presentation.ranking_chart(d) if d.ranking else None,
            "services_chart": presentation.services_chart(d.services),
            "children": [(s, subject_url_args(s)) for s in subject_children(subject=subject)],
            "agencies": [(s, subject_url_args(s)) for s in links["agencies"]],
            "points": [(s, subject_url_args(s)) for s in links["points"]],
        },
    )


def _export_name(subject: Subject, period: Period, ext: str, table: str = "") -> str:
    suffix = f"-{table}" if table else ""
    return f"dasbor-{SLUG_OF[subject.kind]}-{subject.key}-{period.start}-{period.end}{suffix}.{ext}"


@login_required
def export_csv(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    subject = _subject(request, kind, key)
    _, period = _period(request)
    table = request.GET.get("tabel", "ringkasan")
    if table not in TABLES:
        raise Http404
    d = dashboard(viewer=request.user, subject=subject, period=period)
    response = HttpResponse(dashboard_csv(d, table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{_export_name(subject, period, "csv", table)}"'
    )
    return response


@login_required
def export_xlsx(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    subject = _subject(request, kind, key)
    _, period = _period(request)
    d = dashboard(viewer=request.user, subject=subject, period=period)
    response = HttpResponse(
        dashboard_xlsx(d),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{_export_name(subject, period, "xlsx")}"'
    )
    return response


# --- public ---------------------------------------------------------------------------------
@cache_control(public=True, max_age=300)
def public_index(request: HttpRequest) -> HttpResponse:
    items = public_service_times(now=timezone.now())
    return render(
        request,
        "insights/public_index.html",
        {"items": items, "min_cases": PUBLIC_MIN_CASES},
    )


@cache_control(public=True, max_age=300)
def public_service(request: HttpRequest, code: str) -> HttpResponse:
    items = public_service_times(code=code, now=timezone.now())
    if not items:
        raise Http404
    item: Any = items[0]
    return render(
        request,
        "insights/public_service.html",
        {
            "item": item,
            "chart": presentation.public_chart(item) if item.enough else None,
            "min_cases": PUBLIC_MIN_CASES,
        },
    )
