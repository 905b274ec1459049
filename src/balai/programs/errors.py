"""The one error programme services raise: a stable English code and a message for people."""

from __future__ import annotations

from typing import Any

from balai.core.api_errors import ApiError


class ProgramError(ApiError):
    """Raised by programs services; the API answers it as {code, message, details}."""

    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(status, code, message, details)
