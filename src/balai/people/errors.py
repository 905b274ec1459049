"""The error the register's services raise: every problem at once, each naming its field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from balai.people.nik import NumberError


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str  # stable English machine code for the API
    message: str  # Bahasa Indonesia for the person at the counter

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message}


class RegisterError(Exception):
    """Raised before anything is written; `errors` lists every failing field."""

    def __init__(self, errors: Iterable[FieldError]):
        self.errors = list(errors)
        super().__init__("; ".join(f"{e.field}:{e.code}" for e in self.errors))

    def as_list(self) -> list[dict[str, str]]:
        return [e.as_dict() for e in self.errors]


def field_errors(field: str, errors: Iterable[NumberError]) -> list[FieldError]:
    return [FieldError(field, e.code, e.message) for e in errors]
