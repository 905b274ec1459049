"""The queue API: take a ticket (honours Idempotency-Key), a ticket's status, calling and
finishing at a counter (staff token or session, scoped), and the board feed.

Errors are {"code", "message"}: a stable English code, a message in Bahasa Indonesia."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from balai.catalog.models import Service
from balai.core.api_errors import ApiError
from balai.core.client import client_ip
from balai.queueing import services
from balai.queueing.choices import PriorityClass, TicketSource
from balai.queueing.errors import QueueError
from balai.queueing.estimate import minutes_label
from balai.queueing.models import QueuePrefix, Ticket
from balai.queueing.presence import presence_ok, public_ticket_wait
from balai.queueing.selectors import (
    board_state,
    counter_current,
    counter_get,
    point_get,
    ticket_position,
    ticket_public,
)

router = Router(tags=["queue"])


class ErrorOut(Schema):
    code: str
    message: str


class IssueIn(Schema):
    service_point: str = Field(..., max_length=60, description="service point code")
    prefix: str = Field(..., max_length=2, description="ticket category letter")
    service: str | None = Field(None, max_length=60, description="service code")
    priority_class: PriorityClass = PriorityClass.NONE
    source: TicketSource = TicketSource.KIOSK
    presence_code: str = Field(
        "", max_length=8, description="the code on the office's display board (anonymous callers)"
    )


class TicketOut(Schema):
    id: int
    code: str
    status: str
    service_point: str
    day: dt.date
    priority_class: str
    issued_at: dt.datetime
    counter: str | None
    ahead: int
    estimate_minutes: int


class CallOut(Schema):
    ticket: TicketOut | None


def _out(ticket: Ticket) -> dict[str, Any]:
    position = ticket_position(ticket=ticket)
    return {
        "id": ticket.pk,
        "code": ticket.code,
        "status": ticket.status,
        "service_point": ticket.service_point.code,
        "day": ticket.day,
        "priority_class": ticket.priority_class,
        "issued_at": ticket.issued_at,
        "counter": position.counter_name or None,
        "ahead": position.ahead,
        "estimate_minutes": minutes_label(position.estimate),
    }


def _error(exc: QueueError) -> ApiError:
    return ApiError(exc.status, exc.code, str(exc.message))


def _not_found() -> ApiError:
    return ApiError(404, "not_found", "Data tidak ditemukan.")


@router.post(
    "/tickets",
    auth=None,
    response={201: TicketOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    summary="Take a ticket",
)
def issue(request: HttpRequest, payload: IssueIn) -> Status:
    # Public like the kiosk page: a ticket carries no personal data.
    point = point_get(code=payload.service_point)
    prefix = (
        QueuePrefix.objects.filter(service_point=point, letter=payload.prefix.upper()).first()
        if point
        else None
    )
    if prefix is None:
        raise _not_found()
    service = None
    if payload.service:
        service = Service.objects.filter(code=payload.service).first()
        if service is None:
            raise _not_found()
    user = request.user if request.user.is_authenticated else None
    if payload.source == TicketSource.FRONT_DESK and user is None:
        raise ApiError(401, "not_authenticated", "Silakan masuk terlebih dahulu.")
    if user is None:
        # Anonymous: a phone in the office. It proves presence with the board's code and may
        # take only a few tickets; priority is for the counter to give (services.ticket_issue).
        if not presence_ok(point_code=point.code, code=payload.presence_code):
            raise ApiError(
                403,
                "presence_code_required",
                "Masukkan kode kehadiran yang tampil di layar antrean kantor.",
            )
        wait = public_ticket_wait(ip=client_ip(request))
        if wait:
            raise ApiError(
                429, "too_many_tickets", f"Terlalu banyak tiket. Coba lagi dalam {wait} detik."
            )
    key = request.headers.get("Idempotency-Key", "")[:80] or None
    try:
        ticket = services.ticket_issue(
            actor=user,
            prefix=prefix,
            service=service,
            priority_class=payload.priority_class,
            source=payload.source,
            idempotency_key=key,
        )
    except QueueError as exc:
        raise _error(exc) from exc
    return Status(201, _out(ticket))


@router.get("/tickets/{point}/{code}", auth=None, response=TicketOut, summary="Ticket status")
def status(request: HttpRequest, point: str, code: str) -> dict[str, Any]:
    service_point = point_get(code=point)
    found = ticket_public(service_point=service_point, code=code) if service_point else None
    if found is None:
        raise _not_found()
    return _out(found)


@router.post("/counters/{counter_id}/call-next", response=CallOut, summary="Call the next ticket")
def call_next(request: HttpRequest, counter_id: int) -> dict[str, Any]:
    counter = counter_get(viewer=request.auth, counter_id=counter_id)
    if counter is None:
        raise _not_found()
    try:
        ticket = services.ticket_call_next(actor=request.auth, counter=counter)
    except QueueError as exc:
        raise _error(exc) from exc
    return {"ticket": _out(ticket) if ticket else None}


def _step(request: HttpRequest, counter_id: int, step: Any) -> dict[str, Any]:
    counter = counter_get(viewer=request.auth, counter_id=counter_id)
    if counter is None:
        raise _not_found()
    current = counter_current(counter=counter)
    if current is None:
        raise ApiError(409, "no_ticket", "Tidak ada tiket di loket ini.")
    try:
        return _out(step(actor=request.auth, ticket=current))
    except QueueError as exc:
        raise _error(exc) from exc


@router.post("/counters/{counter_id}/start", response=TicketOut, summary="Start serving")
def start(request: HttpRequest, counter_id: int) -> dict[str, Any]:
    return _step(request, counter_id, services.ticket_start)


@router.post("/counters/{counter_id}/finish", response=TicketOut, summary="Finish serving")
def finish(request: HttpRequest, counter_id: int) -> dict[str, Any]:
    return _step(request, counter_id, services.ticket_finish)


@router.get("/boards/{point}", auth=None, summary="Display board feed")
def board(request: HttpRequest, point: str) -> dict[str, Any]:
    service_point = point_get(code=point)
    if service_point is None:
        raise _not_found()
    return board_state(service_point=service_point)
