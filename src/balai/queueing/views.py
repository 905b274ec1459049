"""Queue pages. Thin: services decide, selectors read; these only translate HTTP.

Public pages (taking a ticket, booking, ticket status, the board) show ticket codes and
counter names only. Staff pages check role and scope through the selectors."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.accounts.permissions import can
from balai.catalog.models import ServicePoint
from balai.queueing import services
from balai.queueing.choices import TicketSource
from balai.queueing.errors import QueueError
from balai.queueing.estimate import minutes_label
from balai.queueing.forms import BookForm, CheckInForm, TakeForm, TicketCodeForm, TransferForm
from balai.queueing.models import BookingSlot
from balai.queueing.presence import presence_code
from balai.queueing.selectors import (
    board_last_event_id,
    board_state,
    counter_current,
    counter_get,
    counter_waiting,
    counters_for,
    may_view_stats,
    point_get,
    prefixes_for,
    slots_open,
    ticket_by_booking,
    ticket_position,
    ticket_public,
    today_overview,
)


def _point(code: str) -> ServicePoint:
    point = point_get(code=code)
    if point is None:
        raise Http404
    return point


# --- Citizens ---------------------------------------------------------------------------------
def take(request: HttpRequest, point: str) -> HttpResponse:
    service_point = _point(point)
    prefixes = prefixes_for(service_point=service_point)
    form = TakeForm(request.POST or None, prefixes=prefixes, prefix="take")
    if not can(request.user, "queueing.operate_counter", service_point):
        # Priority is the counter's to give after seeing the citizen, not a self-declared box.
        form.fields.pop("priority_class", None)
    check_in = CheckInForm(request.POST or None, prefix="checkin")
    if request.method == "POST":
        try:
            if "checkin-kode" in request.POST and check_in.is_valid():
                ticket = services.ticket_check_in(
                    actor=request.user if request.user.is_authenticated else None,
                    service_point=service_point,
                    booking_code=check_in.cleaned_data["kode"],
                )
                return redirect("queueing:ticket", point=point, code=ticket.code)
            if "take-prefix" in request.POST and form.is_valid():
                staff = request.user.is_authenticated
                ticket = services.ticket_issue(
                    actor=request.user if staff else None,
                    prefix=form.cleaned_data["prefix"],
                    priority_class=form.cleaned_data.get("priority_class") or "",
                    source=TicketSource.FRONT_DESK if staff else TicketSource.KIOSK,
                )
                return redirect("queueing:ticket", point=point, code=ticket.code)
        except QueueError as exc:
            messages.error(request, exc.message)
    return render(
        request,
        "queueing/take.html",
        {"point": service_point, "form": form, "check_in": check_in},
    )


def ticket(request: HttpRequest, point: str, code: str) -> HttpResponse:
    service_point = _point(point)
    found = ticket_public(service_point=service_point, code=code)
    if found is None:
        raise Http404
    position = ticket_position(ticket=found)
    return render(
        request,
        "queueing/ticket.html",
        {
            "point": service_point,
            "ticket": found,
            "position": position,
            "minutes": minutes_label(position.estimate),
        },
    )


def find(request: HttpRequest, point: str) -> HttpResponse:
    service_point = _point(point)
    form = TicketCodeForm(request.GET or None)
    if form.is_valid():
        found = ticket_public(service_point=service_point, code=form.cleaned_data["kode"])
        if found is not None:
            return redirect("queueing:ticket", point=point, code=found.code)
        messages.error(request, _("Nomor antrean tidak ditemukan untuk hari ini."))
    return render(request, "queueing/find.html", {"point": service_point, "form": form})


def book(request: HttpRequest, point: str) -> HttpResponse:
    service_point = _point(point)
    slots = BookingSlot.objects.filter(
        pk__in=[s.pk for s in slots_open(service_point=service_point)]
    )
    form = BookForm(request.POST or None, slots=slots.select_related("prefix"))
    if request.method == "POST" and form.is_valid():
        try:
            ticket = services.ticket_book(
                actor=None,
                slot=form.cleaned_data["slot"],
                priority_class=form.cleaned_data["priority_class"] or "",
            )
        except QueueError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("queueing:booking", code=ticket.booking_code)
    return render(request, "queueing/book.html", {"point": service_point, "form": form})


def booking(request: HttpRequest, code: str) -> HttpResponse:
    found = ticket_by_booking(booking_code=code)
    if found is None:
        raise Http404
    return render(request, "queueing/booking.html", {"ticket": found})


# --- Display board ----------------------------------------------------------------------------
def board(request: HttpRequest, point: str) -> HttpResponse:
    service_point = _point(point)
    return render(
        request,
        "queueing/board.html",
        {
            "point": service_point,
            "state": board_state(service_point=service_point),
            "presence": presence_code(point_code=service_point.code),
            "presence_seconds": settings.QUEUE_PRESENCE_SECONDS,
        },
    )


def board_feed(request: HttpRequest, point: str) -> JsonResponse:
    return JsonResponse(board_state(service_point=_point(point)))


def _last_event_id(request: HttpRequest) -> int:
    raw = request.headers.get("Last-Event-ID") or request.GET.get("last") or "0"
    return int(raw) if raw.isdigit() else 0


def board_stream(request: HttpRequest, point: str) -> StreamingHttpResponse:
    """Server-sent events: poll the newest event id cheaply, send the board when it moves.

    The stream ends after QUEUE_STREAM_SECONDS so no worker is held for ever; EventSource
    reconnects by itself and sends Last-Event-ID, so nothing shown is sent twice."""
    service_point = _point(point)
    seen = _last_event_id(request)
    poll = getattr(settings, "QUEUE_STREAM_POLL_SECONDS", 0.25)
    lifetime = getattr(settings, "QUEUE_STREAM_SECONDS", 25)

    def events() -> Iterator[str]:
        nonlocal seen
        yield "retry: 500\n\n"
        deadline = time.monotonic() + lifetime
        while True:
            current = board_last_event_id(service_point_id=service_point.pk)
            if current != seen:
                seen = current
                state = board_state(service_point=service_point)
                yield f"id: {current}\nevent: board\ndata: {json.dumps(state)}\n\n"
            if time.monotonic() >= deadline:
                return
            time.sleep(poll)

    response = StreamingHttpResponse(events(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


# --- Counter console --------------------------------------------------------------------------
@login_required
def counters(request: HttpRequest) -> HttpResponse:
    return render(
        request, "queueing/counters.html", {"counters": counters_for(viewer=request.user)}
    )


@login_required
def console(request: HttpRequest, pk: int) -> HttpResponse:
    counter = counter_get(viewer=request.user, counter_id=pk)
    if counter is None:
        raise Http404
    current = counter_current(counter=counter)
    waiting = counter_waiting(counter=counter)
    return render(
        request,
        "queueing/console.html",
        {
            "counter": counter,
            "current": current,
            "mine": counter.staff_id == request.user.pk,
            "transfer": TransferForm(counter=counter),
            "waiting": waiting,
        },
    )


_TICKET_ACTIONS = {
    "recall": services.ticket_recall,
    "start": services.ticket_start,
    "finish": services.ticket_finish,
    "no-show": services.ticket_no_show,
}
_COUNTER_ACTIONS = {
    "sign-in": services.counter_sign_in,
    "open": services.counter_open,
    "pause": services.counter_pause,
    "close": services.counter_close,
}


@login_required
@require_POST
def console_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    counter = counter_get(viewer=request.user, counter_id=pk)
    if counter is None:
        raise Http404
    current = counter_current(counter=counter)
    try:
        if action == "call":
            called = services.ticket_call_next(actor=request.user, counter=counter)
            if called is None:
                messages.info(request, _("Tidak ada antrean yang menunggu."))
        elif action in _COUNTER_ACTIONS:
            _COUNTER_ACTIONS[action](actor=request.user, counter=counter)
        elif action in _TICKET_ACTIONS or action == "transfer":
            if current is None:
                raise QueueError(409, "no_ticket", _("Tidak ada tiket di loket ini."))
            if action == "transfer":
                _transfer(request, counter=counter, current=current)
            else:
                _TICKET_ACTIONS[action](actor=request.user, ticket=current)
        else:
            raise Http404
    except QueueError as exc:
        messages.error(request, exc.message)
    return redirect("queueing:console", pk=pk)


def _transfer(request: HttpRequest, *, counter, current) -> None:
    form = TransferForm(request.POST, counter=counter)
    if not form.is_valid():
        raise QueueError(400, "invalid_input", _("Tujuan pengalihan tidak valid."))
    services.ticket_transfer(
        actor=request.user,
        ticket=current,
        to_counter=form.cleaned_data["to_counter"],
        to_agency=form.cleaned_data["to_agency"],
        to_service=form.cleaned_data["to_service"],
    )


# --- Manager ----------------------------------------------------------------------------------
@login_required
def today(request: HttpRequest, point: str) -> HttpResponse:
    service_point = _point(point)
    if not may_view_stats(viewer=request.user, service_point=service_point):
        raise Http404
    overview = today_overview(viewer=request.user, service_point=service_point)
    return render(request, "queueing/today.html", {"point": service_point, "o": overview})
