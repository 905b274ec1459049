"""Survey and IKM pages. Thin: the services and selectors decide; these translate HTTP."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from balai.accounts.permissions import has_perm_anywhere
from balai.feedback.errors import FeedbackError
from balai.feedback.forms import IkmFilterForm, SurveyForm
from balai.feedback.ikm import ELEMENTS, GRADE_UPPER, GRADES, WEIGHT
from balai.feedback.report_pdf import ikm_pdf
from balai.feedback.report_xlsx import ikm_xlsx
from balai.feedback.selectors import (
    VIEW_PERM,
    IkmFilters,
    ikm_by,
    ikm_filter_choices,
    ikm_report,
    survey_rows,
)
from balai.feedback.services import invitation_open, survey_submit


@never_cache
def survey(request: HttpRequest, token: str) -> HttpResponse:
    """The page a WhatsApp or SMS link opens: no login, the token is the only key, so the page
    is never kept by a shared cache."""
    try:
        invitation = invitation_open(token=token)
    except FeedbackError as exc:
        return render(
            request, "feedback/survey_closed.html", {"message": exc.message}, status=exc.status
        )
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey_submit(token=token, answers=form.answers())
        except FeedbackError as exc:
            for issue in exc.details or []:
                form.add_error(
                    issue.get("element") if issue.get("element") in form.fields else None,
                    issue["message"],
                )
            if not exc.details:
                return render(
                    request,
                    "feedback/survey_closed.html",
                    {"message": exc.message},
                    status=exc.status,
                )
        else:
            return render(request, "feedback/survey_thanks.html", {"invitation": invitation})
    return render(
        request,
        "feedback/survey.html",
        {"form": form, "invitation": invitation},
        status=422 if form.errors else 200,
    )


def _filters(request: HttpRequest) -> tuple[IkmFilterForm, IkmFilters]:
    if not has_perm_anywhere(request.user, VIEW_PERM):
        raise PermissionDenied
    form = IkmFilterForm(request.GET or None, **ikm_filter_choices(viewer=request.user))
    if request.GET and not form.is_valid():
        return form, IkmFilters(service_id=-1)
    data: dict[str, Any] = form.cleaned_data if request.GET else {}
    filters = IkmFilters(
        service_id=data["service"].pk if data.get("service") else None,
        agency_id=data["agency"].pk if data.get("agency") else None,
        service_point_id=data["service_point"].pk if data.get("service_point") else None,
        start=data.get("start"),
        end=data.get("end"),
    )
    return form, filters


def _title(form: IkmFilterForm) -> str:
    if not form.is_bound or not form.is_valid():
        return _("Semua unit dalam wewenang Anda")
    data = form.cleaned_data
    parts = [str(data[k]) for k in ("service", "agency", "service_point") if data.get(k)]
    return " · ".join(parts) or _("Semua unit dalam wewenang Anda")


def _period(filters: IkmFilters) -> str:
    if not (filters.start or filters.end):
        return _("Seluruh periode")
    start = filters.start.isoformat() if filters.start else "…"
    end = filters.end.isoformat() if filters.end else "…"
    return f"{start} – {end}"


@login_required
def ikm(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    report = ikm_report(viewer=request.user, filters=filters)
    elements = [
        {
            "element": e,
            "sum": report.sums[i],
            "nrr": report.result.nrr[i] if report.result else None,
        }
        for i, e in enumerate(ELEMENTS)
    ]
    for row in elements:
        row["weighted"] = row["nrr"] * WEIGHT if row["nrr"] is not None else None
    return render(
        request,
        "feedback/ikm.html",
        {
            "form": form,
            "report": report,
            "elements": elements,
            "title": _title(form),
            "period": _period(filters),
            "profile": [
                (_("Jenis kelamin"), report.by_sex),
                (_("Pendidikan"), report.by_education),
                (_("Pekerjaan"), report.by_occupation),
            ],
            "by_service": ikm_by(viewer=request.user, filters=filters, group="service"),
            "grades": [(g, GRADE_UPPER[g.letter]) for g in GRADES],
            "query": request.GET.urlencode(),
        },
    )


@login_required
def ikm_download(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    report = ikm_report(viewer=request.user, filters=filters)
    if report.result is None:
        raise Http404
    body = ikm_xlsx(
        title=_title(form),
        period=_period(filters),
        report=report,
        rows=survey_rows(viewer=request.user, filters=filters).iterator(),
    )
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="ikm.xlsx"'
    return response


@login_required
def ikm_download_pdf(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    report = ikm_report(viewer=request.user, filters=filters)
    if report.result is None:
        raise Http404
    body = ikm_pdf(title=_title(form), period=_period(filters), report=report)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="ikm.pdf"'
    return response
