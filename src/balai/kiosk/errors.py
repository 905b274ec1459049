"""The kiosk's error: a stable English code for machines and a message that says what to do."""

from __future__ import annotations


class KioskError(Exception):
    def __init__(
        self, status: int, code: str, message: str, *, retry_after: int | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.retry_after = retry_after
