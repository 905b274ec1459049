"""Pages for auditors: the trail of their regency, and one event. Thin: selectors scope."""

from __future__ import annotations

import base64
import json
import re

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from balai.accounts.access import permission_required_scoped
from balai.audit import checkpoints
from balai.audit.forms import AuditFilterForm
from balai.audit.models import Checkpoint
from balai.audit.proofs import consistency_proof_for, latest_checkpoint
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


# --- Public endpoints of the transparency log: for witnesses, no account needed -------------
# A witness polls the latest checkpoint, checks its signature with the published key and asks
# for a consistency proof from the last size it saw (RFC 9162); nothing personal is exposed.
CHAIN_PATTERN = re.compile(r"^(\d{2}\.\d{2}|-)$")


def _chain_or_404(chain: str) -> str:
    if not CHAIN_PATTERN.match(chain):
        raise Http404
    return chain


@require_GET
def log_checkpoint(request: HttpRequest, chain: str) -> HttpResponse:
    latest = latest_checkpoint(_chain_or_404(chain))
    if latest is None:
        raise Http404
    note = checkpoints.Note(
        latest.chain,
        latest.tree_size,
        latest.root_hash,
        latest.signed_at,
        latest.key_id,
        latest.signature,
    )
    response = HttpResponse(note.text(), content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def log_key(request: HttpRequest, chain: str) -> HttpResponse:
    raw = checkpoints.public_key_raw(_chain_or_404(chain))
    if raw is None:
        raise Http404
    return HttpResponse(base64.b64encode(raw).decode() + "\n", content_type="text/plain")


@require_GET
def log_consistency(request: HttpRequest, chain: str) -> JsonResponse:
    chain = _chain_or_404(chain)
    latest = latest_checkpoint(chain)
    try:
        old_size = int(request.GET.get("dari", ""))
        new_size = int(request.GET.get("ke", latest.tree_size if latest else 0))
    except ValueError:
        return JsonResponse({"code": "invalid_size"}, status=400)
    signed = Checkpoint.objects.filter(chain=chain, tree_size__in=[old_size, new_size]).count()
    if not 0 < old_size <= new_size or signed < (1 if old_size == new_size else 2):
        return JsonResponse({"code": "unknown_checkpoint"}, status=404)
    return JsonResponse(consistency_proof_for(chain, old_size, new_size))
