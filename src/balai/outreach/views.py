"""Outreach pages. Thin: the services and selectors decide; these translate HTTP."""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.accounts.access import permission_required_scoped, scoped_object_or_404
from balai.accounts.permissions import can
from balai.audit.services import audit_record
from balai.licensing.errors import LicensingError
from balai.licensing.gateway import gateway_default
from balai.outreach.forms import ImportForm, IntakeForm, PlanForm, split_list
from balai.outreach.models import OutreachEvent
from balai.outreach.selectors import batch_latest, event_registrations, event_report, events_for
from balai.outreach.services import (
    batch_fail,
    batch_run,
    batch_start,
    event_notify,
    event_plan,
    import_xlsx,
    intake_register,
    template_xlsx,
)
from balai.people.nik import mask_nik

logger = logging.getLogger(__name__)


def _event(request: HttpRequest, perm: str, pk: int) -> OutreachEvent:
    return scoped_object_or_404(
        request.user, perm, OutreachEvent.objects.select_related("village"), pk=pk
    )


@permission_required_scoped("outreach.view")
def event_list(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        from balai.regions.models import Region

        village = Region.objects.filter(code=form.cleaned_data["village"], level="village").first()
        if village is None:
            form.add_error("village", _("Kode desa tidak dikenal."))
        else:
            try:
                event = event_plan(
                    actor=request.user,
                    village=village,
                    date=form.cleaned_data["date"],
                    title=form.cleaned_data["title"],
                    agencies=split_list(form.cleaned_data["agencies"]),
                    services=split_list(form.cleaned_data["services"]),
                    staff=split_list(form.cleaned_data["staff"]),
                    target_registrations=form.cleaned_data["target"] or 0,
                    agency=_own_agency(request.user),
                )
            except LicensingError as exc:
                form.add_error(None, exc.message)
            else:
                return redirect("outreach:detail", pk=event.pk)
    events = events_for(request.user)[:50]
    return render(request, "outreach/list.html", {"events": events, "form": form})


def _own_agency(user: Any) -> Any:
    """An agency officer plans days for their own agency; a regency admin plans without one."""
    from balai.accounts.permissions import granting

    for assignment in granting(user, "outreach.manage"):
        if assignment.agency_id:
            return assignment.agency
    return None


@permission_required_scoped("outreach.view")
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, "outreach.view", pk)
    registrations = event_registrations(event).select_related("owner").order_by("-pk")[:25]
    return render(
        request,
        "outreach/detail.html",
        {
            "event": event,
            "registrations": [(r, mask_nik(r.owner.nik)) for r in registrations],
            "batch": batch_latest(event),
            "may_run": can(request.user, "outreach.run", event),
            "may_manage": can(request.user, "outreach.manage", event),
            "may_intake": can(request.user, "outreach.intake", event),
        },
    )


@require_POST
@permission_required_scoped("outreach.manage")
def event_notify_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, "outreach.manage", pk)
    count = event_notify(actor=request.user, event=event)
    messages.success(
        request, _("%(count)s warga desa dicatat untuk diberi tahu.") % {"count": count}
    )
    return redirect("outreach:detail", pk=pk)


@permission_required_scoped("outreach.intake")
def intake(request: HttpRequest, pk: int) -> HttpResponse:
    """One screen per registration. Enter on the NIK fetches the owner from the register and
    fills the village and address; Enter again saves and brings back an empty screen."""
    from balai.people.models import Resident

    event = _event(request, "outreach.intake", pk)
    data = request.POST if request.method == "POST" else None
    form = IntakeForm(data)
    owner = None
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        owner = Resident.objects.filter(regency_code=event.regency_code, nik=values["nik"]).first()
        if "prefill" in request.POST or not values.get("nama_usaha"):
            initial = dict(values)
            if owner is not None:
                initial["kode_desa"] = initial.get("kode_desa") or owner.village_id
                initial["alamat_usaha"] = initial.get("alamat_usaha") or owner.address
            else:
                form.add_error("nik", _("NIK tidak terdaftar di kabupaten."))
            form = IntakeForm(initial=initial) if owner is not None else form
        else:
            try:
                result = intake_register(actor=request.user, event=event, data=values)
            except LicensingError as exc:
                raise PermissionDenied from exc
            if result.errors:
                for error in result.errors:
                    field = error["field"] if error["field"] in form.fields else None
                    form.add_error(field, error["message"])
            else:
                registration = result.registration
                messages.success(
                    request,
                    _("Tersimpan: %(name)s — %(business)s.")
                    % {"name": registration.owner_name, "business": registration.business_name},
                )
                return redirect("outreach:intake", pk=pk)
    count = event_registrations(event).count()
    return render(
        request,
        "outreach/intake.html",
        {
            "event": event,
            "form": form,
            "owner": owner,
            "count": count,
            "owner_nik": mask_nik(owner.nik) if owner else "",
        },
    )


@permission_required_scoped("outreach.intake")
def import_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, "outreach.intake", pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    run = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = import_xlsx(actor=request.user, event=event, file=upload, file_name=upload.name)
        except LicensingError as exc:
            form.add_error("file", exc.message)
    return render(request, "outreach/import.html", {"event": event, "form": form, "run": run})


@permission_required_scoped("outreach.intake")
def template_download(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="templat-jemput-bola.xlsx"'
    return response


def _run_in_background(user: Any, batch: Any, gateway: Any) -> None:
    def work() -> None:
        try:
            batch_run(actor=user, batch=batch, gateway=gateway)
        except Exception as exc:
            # The page reads the failure from the batch row; the log keeps the trace.
            logger.exception("outreach batch %s failed", batch.pk)
            batch_fail(batch=batch, error=f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    threading.Thread(target=work, daemon=True, name=f"outreach-batch-{batch.pk}").start()


@permission_required_scoped("outreach.run")
def batch_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, "outreach.run", pk)
    if request.method == "POST":
        try:
            # Asked before the batch row exists: a batch that cannot reach OSS never starts,
            # and the page says why instead of counting "0 / 0".
            gateway = gateway_default()
        except LicensingError as exc:
            logger.error("outreach batch for event %s not started: %s", event.pk, exc.code)
            messages.error(
                request,
                _("Pengiriman ke OSS tidak dapat dimulai. %(reason)s") % {"reason": exc.message},
            )
            return redirect("outreach:batch", pk=pk)
        batch = batch_start(actor=request.user, event=event)
        if getattr(settings, "OUTREACH_BATCH_INLINE", False):
            # Tests and single-threaded runs: the batch runs in the request itself.
            batch_run(actor=request.user, batch=batch, gateway=gateway)
        else:
            _run_in_background(request.user, batch, gateway)
        return redirect("outreach:batch", pk=pk)
    return render(request, "outreach/batch.html", {"event": event, "batch": batch_latest(event)})


@permission_required_scoped("outreach.view")
def batch_progress(request: HttpRequest, pk: int) -> JsonResponse:
    event = _event(request, "outreach.view", pk)
    batch = batch_latest(event)
    if batch is None:
        return JsonResponse({"status": "none"})
    fields = ("status", "total", "sent", "issued", "retry", "rejected", "documents", "error")
    return JsonResponse(
        {name: getattr(batch, name) for name in fields} | {"parts": len(batch.merged_paths)}
    )


@permission_required_scoped("outreach.run")
def batch_print(request: HttpRequest, pk: int, part: int) -> FileResponse:
    """The merged print file of the last batch. It carries full NIKs (UU 27/2022), so each
    opening is an audit event."""
    event = _event(request, "outreach.run", pk)
    batch = batch_latest(event)
    if batch is None or not 1 <= part <= len(batch.merged_paths):
        raise Http404
    path = batch.merged_paths[part - 1]
    audit_record(
        actor=request.user,
        action="outreach.print_read",
        obj=batch,
        region_code=event.village_id,
        after={"part": part, "file": path},
    )
    return FileResponse(default_storage.open(path, "rb"), content_type="application/pdf")


@permission_required_scoped("outreach.view")
def report(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, "outreach.view", pk)
    return render(request, "outreach/report.html", {"event": event, "report": event_report(event)})
