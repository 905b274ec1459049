"""The same guards for API routers: `api_require(request, perm)` and `api_object_or_404`.

Refusals use the API's one error shape, with stable English codes and no data.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.http import HttpRequest

from balai.accounts.permissions import has_perm_anywhere, restrict
from balai.core.api_errors import ApiError

M = TypeVar("M", bound=models.Model)


def forbidden() -> ApiError:
    return ApiError(403, "forbidden", "Anda tidak berwenang untuk tindakan ini.")


def not_found() -> ApiError:
    return ApiError(404, "not_found", "Data tidak ditemukan.")


def api_require(request: HttpRequest, perm: str) -> Any:
    """The authenticated user when they hold `perm` somewhere; 403 otherwise."""
    user = request.auth  # type: ignore[attr-defined]
    if not has_perm_anywhere(user, perm):
        raise forbidden()
    return user


def api_object_or_404(
    request: HttpRequest, perm: str, queryset: models.QuerySet[M], **lookup: Any
) -> M:
    user = api_require(request, perm)
    found = restrict(user, perm, queryset).filter(**lookup).first()
    if found is None:
        raise not_found()
    return found
