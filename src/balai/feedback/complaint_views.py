"""Complaint pages: the public form, tracking and published answers; the office's list, one
complaint and the SP4N-LAPOR! export. Thin: services and selectors decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.accounts.permissions import has_perm_anywhere
from balai.audit.services import audit_record
from balai.cases.tracking import tracking_code_display
from balai.catalog.models import Service
from balai.feedback.choices import ComplaintChannel, ComplaintStatus
from balai.feedback.complaint_export import complaints_csv
from balai.feedback.complaint_forms import AnswerForm, ComplaintForm
from balai.feedback.complaint_selectors import (
    complaint_get,
    complaint_list,
    complaint_track,
    complaints_published,
)
from balai.feedback.complaint_services import (
    MANAGE_PERM,
    OVERSEE_PERM,
    complaint_answer,
    complaint_set_status,
    complaint_submit,
)
from balai.feedback.errors import FeedbackError
from balai.regions.models import Region

LIST_LIMIT = 200


def _villages() -> list[tuple[str, str]]:
    # Village and kelurahan names of the regency this installation serves.
    from django.conf import settings

    rows = Region.objects.filter(
        level="village", code__startswith=settings.DEMO_REGENCY_CODE + "."
    ).order_by("name")
    return [(r.code, r.name) for r in rows.only("code", "name")]


def complaint_new(request: HttpRequest) -> HttpResponse:
    form = ComplaintForm(
        request.POST or None,
        services=Service.objects.filter(status="published").order_by("name"),
        villages=_villages(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            complaint = complaint_submit(data=form.complaint_in(channel=ComplaintChannel.WEB))
        except FeedbackError as exc:
            for issue in exc.details or [{"message": exc.message}]:
                field = issue.get("field")
                form.add_error(field if field in form.fields else None, issue["message"])
        else:
            messages.success(
                request,
                _(
                    "Pengaduan Anda sudah kami terima dengan kode %(code)s. Simpan kode ini "
                    "untuk melihat jawabannya di halaman ini."
                )
                % {"code": tracking_code_display(complaint.tracking_code)},
            )
            url = reverse("feedback:complaint_track")
            return redirect(f"{url}?kode={complaint.tracking_code}")
    return render(
        request,
        "feedback/complaint_new.html",
        {"form": form},
        status=422 if form.errors else 200,
    )


def complaint_status(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("kode", "")
    found = complaint_track(code=code) if code else None
    return render(
        request,
        "feedback/complaint_track.html",
        {
            "code": code,
            "found": found,
            "display_code": tracking_code_display(found.tracking_code) if found else "",
        },
    )


def complaint_public(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/complaint_public.html", {"complaints": complaints_published()})


@login_required
def complaint_inbox(request: HttpRequest) -> HttpResponse:
    if not (
        has_perm_anywhere(request.user, MANAGE_PERM)
        or has_perm_anywhere(request.user, OVERSEE_PERM)
    ):
        raise PermissionDenied
    status = request.GET.get("status", "")
    status = status if status in ComplaintStatus.values else ""
    rows = list(complaint_list(viewer=request.user, status=status)[:LIST_LIMIT])
    return render(
        request,
        "feedback/complaint_inbox.html",
        {"complaints": rows, "status": status, "statuses": ComplaintStatus.choices},
    )


@login_required
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_get(viewer=request.user, pk=pk)
    if complaint is None:
        raise Http404
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            complaint_answer(
                actor=request.user, complaint=complaint, answer=form.cleaned_data["answer"]
            )
        except FeedbackError as exc:
            form.add_error("answer", exc.message)
        else:
            messages.success(request, _("Jawaban tersimpan."))
            return redirect("feedback:complaint_detail", pk=pk)
    return render(
        request,
        "feedback/complaint_detail.html",
        {
            "complaint": complaint,
            "form": form,
            "display_code": tracking_code_display(complaint.tracking_code),
        },
    )


@login_required
@require_POST
def complaint_move(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_get(viewer=request.user, pk=pk)
    if complaint is None:
        raise Http404
    try:
        complaint_set_status(
            actor=request.user, complaint=complaint, status=request.POST.get("status", "")
        )
    except FeedbackError as exc:
        messages.error(request, exc.message)
    return redirect("feedback:complaint_detail", pk=pk)


@login_required
def complaint_export(request: HttpRequest) -> HttpResponse:
    if not (
        has_perm_anywhere(request.user, MANAGE_PERM)
        or has_perm_anywhere(request.user, OVERSEE_PERM)
    ):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pengaduan-sp4n-lapor.csv"'
    exported: list[int] = []

    def counted():
        for complaint in complaint_list(viewer=request.user).iterator():
            exported.append(complaint.pk)
            yield complaint

    complaints_csv(out=response, complaints=counted())
    # The file carries complainants' words out of the system: who took which, and when, must
    # be answerable after a leak (UU 27/2022 art. 46).
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="feedback.complaints_exported",
            object_type="feedback.complaint",
            after={"count": len(exported), "ids": exported[:1000]},
        )
    return response
