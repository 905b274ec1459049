"""The one error citizen sign-in raises: a stable English code and a message for people."""

from __future__ import annotations


class CitizenAuthError(Exception):
    """A refused sign-in or PIN change. `retry_after` is set (in seconds) while locked out."""

    def __init__(self, code: str, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.retry_after = retry_after
