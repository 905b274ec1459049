"""Who is acting and under which request, for code far from the view (audit events).

Services still take the actor explicitly; this carries what a service cannot know by itself:
the request id and the client address, so an audit event can be tied to the HTTP request.
"""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    ip: str | None = None
    channel: str = "web"


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "balai_request_context", default=None
)


def current() -> RequestContext:
    ctx = _current.get()
    if ctx is None:
        # Management commands and tasks get one id per process step.
        ctx = RequestContext(request_id=uuid.uuid4().hex, channel="cli")
        _current.set(ctx)
    return ctx


@contextmanager
def bound(ctx: RequestContext) -> Iterator[RequestContext]:
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)
