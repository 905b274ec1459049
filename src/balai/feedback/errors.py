"""The one error a feedback service raises: a stable English code and a message for people."""

from __future__ import annotations

from typing import Any


class FeedbackError(Exception):
    """A refused request. `status` is the HTTP status the API and pages answer with."""

    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
