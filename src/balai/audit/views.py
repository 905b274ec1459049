"""Pages for auditors: the trail of their regency, and one event. Thin: selectors scope."""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from balai.accounts.access import permission_required_scoped
from balai.audit.forms import AuditFilterForm
from balai.audit.selectors import VIEW, audit_event_get, audit_events
from balai.audit.services import audit_event_open

PAGE_SIZE = 50


@permission_required_scoped(VIEW)
def event_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        events = audit_events(viewer=request.user).none()
    else:
        data = form.cleaned_data if form.is_bound else {}
        since, until = form.bounds() if form.is_bound else (None, None)
        events = audit_events(
            viewer=request.user,
            action=data.get("action", ""),
            actor=data.get("actor", ""),
            object_type=data.get("object_type", ""),
            object_id=data.get("object_id", ""),
            since=since,
            until=until,
        )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    return render(
        request,
        "audit/event_list.html",
        {"form": form, "page": page, "querystring": query.urlencode()},
    )


@permission_required_scoped(VIEW)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = audit_event_get(viewer=request.user, pk=pk)
    if event is None:
        raise Http404
    audit_event_open(viewer=request.user, event=event)
    return render(
        request,
        "audit/event_detail.html",
        {
            "event": event,
            "before": _pretty(event.before),
            "after": _pretty(event.after),
        },
    )


def _pretty(value: object) -> str:
    return "" if value is None else json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True)
