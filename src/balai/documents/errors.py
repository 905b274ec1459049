"""One error type for refused document operations: a stable code and an Indonesian message."""

from __future__ import annotations


class DocumentError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
