"""The one error a queue service raises: a stable English code and a message for people."""

from __future__ import annotations

from typing import Any


class QueueError(Exception):
    """A refused request. `status` is the HTTP status pages and the API answer with."""

    def __init__(self, status: int, code: str, message: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        # A lazy translation: shown in the reader's language (Bahasa Indonesia by default).
        self.message = message
