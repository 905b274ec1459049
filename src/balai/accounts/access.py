"""Guards for views: role AND scope through `balai.accounts.permissions`, nothing else.

`permission_required_scoped(perm)` lets a request through when the user holds `perm` somewhere;
the view then reads through a selector that applies `restrict`, so a row outside the scope is a
404. A signed-out visitor goes to the login page; a signed-in one without the role gets 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from balai.accounts.permissions import has_perm_anywhere, restrict

M = TypeVar("M", bound=models.Model)
View = Callable[..., HttpResponse]


def permission_required_scoped(perm: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_perm_anywhere(request.user, perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def scoped_object_or_404(user: Any, perm: str, queryset: models.QuerySet[M], **lookup: Any) -> M:
    """One row the user holds `perm` on; anything else (missing or out of scope) is a 404."""
    return get_object_or_404(restrict(user, perm, queryset), **lookup)


class ScopedPermissionMixin:
    """The class-based view form of `permission_required_scoped`."""

    permission: str = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not has_perm_anywhere(request.user, self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
