"""Case pages: public tracking, the receipt, the staff inbox and one case. Thin: the services
and selectors decide; these only translate HTTP."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.cases.attachments import (
    Upload,
    attachment_path,
    attachment_response,
    case_attach,
    requirement_mark_shown,
)
from balai.cases.choices import CLOSED_STATUSES
from balai.cases.errors import CaseError
from balai.cases.flow import case_workflow
from balai.cases.forms import ActForm, BulkActForm, InboxFilterForm, TrackForm
from balai.cases.models import Case
from balai.cases.selectors import (
    InboxFilters,
    case_actions_for,
    case_get,
    case_inbox,
    case_is_overdue,
    case_state_name,
    case_track,
)
from balai.cases.services import case_act, case_bulk_act
from balai.cases.tracking import tracking_code_display
from balai.cases.uploads import max_bytes
from balai.cases.wording import action_is_destructive, case_form_rows, case_history
from balai.payments.gateway import gateway_get
from balai.payments.selectors import bill_for_case, bill_may
from balai.people.nik import mask_nik

INBOX_PAGE_SIZE = 25


def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    status = None
    not_found = False
    if form.is_valid():
        status = case_track(code=form.cleaned_data["kode"])
        not_found = status is None
    return render(
        request,
        "cases/track.html",
        {
            "form": form,
            "status": status,
            "not_found": not_found,
            "display_code": tracking_code_display(status.tracking_code) if status else "",
        },
    )


def _case_or_404(request: HttpRequest, pk: int) -> Case:
    case = case_get(viewer=request.user, pk=pk)
    if case is None:
        raise Http404
    return case


@login_required
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    paper = "80mm" if request.GET.get("kertas") == "80mm" else "a4"
    return render(
        request,
        "cases/receipt.html",
        {
            "case": case,
            "paper": paper,
            "display_code": tracking_code_display(case.tracking_code),
            "masked_nik": mask_nik(case.applicant.nik),
            "requirements": case.requirements.all(),
            "stage": case_state_name(case),
            "bill": bill_for_case(viewer=request.user, case=case),
        },
    )


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    form = InboxFilterForm(request.GET or None)
    filters = InboxFilters()
    if form.is_valid():
        filters = InboxFilters(
            service=form.cleaned_data["service"] or None,
            state=form.cleaned_data["state"] or None,
            overdue=form.cleaned_data["overdue"],
        )
    page = Paginator(case_inbox(viewer=request.user, filters=filters), INBOX_PAGE_SIZE).get_page(
        request.GET.get("halaman")
    )
    rows = [
        {
            "case": case,
            "display_code": tracking_code_display(case.tracking_code),
            "stage": case_state_name(case),
            "overdue": case_is_overdue(case),
            "masked_nik": mask_nik(case.applicant.nik),
        }
        for case in page.object_list
    ]
    actions = sorted({(a.code, a.name) for row in rows for a in _bulk_actions(request, row)})
    return render(
        request,
        "cases/inbox.html",
        {"form": form, "page": page, "rows": rows, "bulk_actions": actions},
    )


def _bulk_actions(request: HttpRequest, row: dict) -> list:
    # Bulk actions never need a comment or a reason: those are taken one case at a time.
    return [
        a for a in case_actions_for(viewer=request.user, case=row["case"]) if not a.comment_required
    ]


@login_required
@require_POST
def inbox_bulk(request: HttpRequest) -> HttpResponse:
    ids = [int(v) for v in request.POST.getlist("cases") if v.isdigit()]
    visible = list(case_inbox(viewer=request.user).filter(pk__in=ids))
    form = BulkActForm(request.POST, case_ids=[c.pk for c in visible])
    if not form.is_valid():
        messages.error(request, _("Pilih tindakan dan setidaknya satu permohonan."))
        return redirect("cases:inbox")
    chosen = [c for c in visible if c.pk in set(form.cleaned_data["cases"])]
    results = case_bulk_act(
        actor=request.user,
        cases=chosen,
        action=form.cleaned_data["action"],
        comment=form.cleaned_data["comment"],
    )
    done = sum(1 for error in results.values() if error is None)
    messages.success(request, _("%(n)d permohonan diproses.") % {"n": done})
    if done < len(results):
        messages.warning(
            request, _("%(n)d permohonan tidak dapat diproses.") % {"n": len(results) - done}
        )
    return redirect("cases:inbox")


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    actions = case_actions_for(viewer=request.user, case=case)
    bill = bill_for_case(viewer=request.user, case=case)
    workflow = case_workflow(case.workflow_definition)
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "display_code": tracking_code_display(case.tracking_code),
            "masked_nik": mask_nik(case.applicant.nik),
            "stage": case_state_name(case),
            "overdue": case_is_overdue(case),
            "actions": actions,
            "destructive": {a.code for a in actions if action_is_destructive(workflow, a)},
            "form_rows": case_form_rows(case),
            "history": case_history(case),
            "requirements": case.requirements.all(),
            "attachments": _named_attachments(case),
            "may_attach": case.status not in CLOSED_STATUSES,
            "needs_file": any(a.attachment_required for a in actions),
            "max_mb": f"{max_bytes() / 1024 / 1024:g}",
            "bill": bill,
            "bill_may": bill_may(viewer=request.user, bill=bill) if bill else {},
            "gateway_ready": gateway_get() is not None,
            "form": ActForm(),
        },
    )


def _named_attachments(case: Case) -> list:
    """Attachments with the name of the requirement each answers, not its code."""
    names = {r.code: r.name for r in case.requirements.all()}
    rows = list(case.attachments.all())
    for row in rows:
        row.requirement_name = names.get(row.requirement_code, row.requirement_code)
    return rows


@login_required
@require_POST
def act(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    form = ActForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isian tidak valid."))
        return redirect("cases:detail", pk=case.pk)
    try:
        case_act(
            actor=request.user,
            case=case,
            action=form.cleaned_data["action"],
            comment=form.cleaned_data["comment"],
            reason_code=form.cleaned_data["reason_code"] or None,
            attachments=[
                Upload(f.name or "", f.read(max_bytes() + 1))
                for f in request.FILES.getlist("berkas")[:5]
            ],
        )
    except CaseError as exc:
        if exc.status == 404:
            raise Http404 from exc
        messages.error(request, exc.message)
        return redirect("cases:detail", pk=case.pk)
    messages.success(request, _("Tindakan tersimpan."))
    if case_get(viewer=request.user, pk=case.pk) is None:
        # Passed on to an office outside the actor's scope (the kecamatan, the agency).
        return redirect("cases:inbox")
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def attach(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    code = request.POST.get("persyaratan", "")[:60]
    uploads = [
        Upload(f.name or "", f.read(max_bytes() + 1), code)
        for f in request.FILES.getlist("berkas")[:5]
    ]
    try:
        case_attach(actor=request.user, case=case, uploads=uploads)
    except CaseError as exc:
        if exc.status == 404:
            raise Http404 from exc
        messages.error(request, exc.message)
        return redirect("cases:detail", pk=case.pk)
    messages.success(request, _("Lampiran tersimpan."))
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def requirement_shown(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    try:
        requirement_mark_shown(
            actor=request.user, case=case, code=request.POST.get("kode", "")[:60]
        )
    except CaseError as exc:
        if exc.status == 404 and exc.code == "not_found":
            raise Http404 from exc
        messages.error(request, exc.message)
        return redirect("cases:detail", pk=case.pk)
    messages.success(request, _("Persyaratan ditandai sudah ditunjukkan."))
    return redirect("cases:detail", pk=case.pk)


@login_required
def attachment_file(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    """Download only for who may see the case; always as a download, never rendered inline."""
    case = _case_or_404(request, pk)
    row = case.attachments.filter(pk=attachment_id).first()
    if row is None or not attachment_path(row).exists():
        raise Http404
    return attachment_response(row, viewer=request.user)


# --- the standard's form fields, drawn at the counter and in the citizen portal ---------------
_INPUT_TYPES = {"number": "number", "money": "number", "date": "date", "resident_nik": "text"}


def _form_widgets(fields: list[dict], values: dict) -> list[dict]:
    """The standard's form fields as the template draws them."""
    widgets = []
    for field in fields:
        if field.get("type") == "file":
            continue
        choices = [
            (c["value"], c.get("label", c["value"])) if isinstance(c, dict) else (c, c)
            for c in field.get("choices") or []
        ]
        widgets.append(
            {
                "name": field["name"],
                "label": field.get("label", field["name"]),
                "required": bool(field.get("required")),
                "choices": choices,
                "input_type": _INPUT_TYPES.get(field.get("type", "text"), "text"),
                "value": values.get(field["name"], ""),
            }
        )
    return widgets
