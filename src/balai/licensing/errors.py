"""The one error licensing services raise: a stable English code and a message for people."""

from __future__ import annotations

from typing import Any


class LicensingError(Exception):
    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
