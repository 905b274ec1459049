"""The one error a queue service raises: a stable English code and a message for people."""

from __future__ import annotations


class QueueError(Exception):
    """A refused request. `status` is the HTTP status pages and the API answer with."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
