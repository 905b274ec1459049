"""The one permission function: may this user do this, to this object (or to these rows)?

A permission is granted by a role (accounts.roles) and limited by the scope of the
assignment that grants it. Each scoped model registers which of its fields carry a region
code, an agency and a service point; an assignment matches a row when every scope dimension
it sets, and the model has, matches — and a model with none of the assignment's dimensions is
out of scope. Views, the API, the admin and selectors all ask here.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Any, TypeVar

from django.db import models
from django.db.models import Q

from balai.accounts.roles import ROLE_PERMISSIONS
from balai.regions.models import in_subtree, subtree_q

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class ScopeFields:
    """Field paths (Django `__` lookups) that place a row in a region, agency or service point."""

    region: str | None = None
    agency: str | None = None
    service_point: str | None = None


_SCOPED: dict[type[models.Model], ScopeFields] = {}


def register_scope(
    model: type[M],
    *,
    region: str | None = None,
    agency: str | None = None,
    service_point: str | None = None,
) -> type[M]:
    _SCOPED[model] = ScopeFields(region=region, agency=agency, service_point=service_point)
    return model


def scope_fields(model: type[models.Model]) -> ScopeFields:
    try:
        return _SCOPED[model]
    except KeyError:
        raise LookupError(f"{model.__name__} has no registered scope") from None


def _assignments(user: Any) -> list[Any]:
    # Cached on the user object: one query per request however many checks a page makes.
    cached = getattr(user, "_balai_staff_roles", None)
    if cached is None:
        cached = list(user.staff_roles.all()) if user.pk else []
        user._balai_staff_roles = cached
    return cached


def granting(user: Any, perm: str) -> list[Any]:
    """The user's assignments whose role grants `perm`."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    return [a for a in _assignments(user) if perm in ROLE_PERMISSIONS.get(a.role, ())]


def has_perm_anywhere(user: Any, perm: str) -> bool:
    return bool(user is not None and getattr(user, "is_superuser", False)) or bool(
        granting(user, perm)
    )


def _prefix_lookup(model: type[models.Model], path: str) -> str:
    """A path a prefix match may use: a foreign key's `x_id` becomes `x__<target field>`.

    Django refuses `startswith` on a foreign key column but trims the join for
    `x__<target>`, so the query still reads the row's own `x_id` column. Registering the
    attname keeps `can()` free of a query per object.
    """
    if "__" in path:
        return path
    for field in model._meta.concrete_fields:
        if field.is_relation and field.attname == path and field.attname != field.name:
            return f"{field.name}__{field.target_field.name}"
    return path


def _assignment_q(
    assignment: Any, fields: ScopeFields, model: type[models.Model] | None = None
) -> Q | None:
    parts: list[Q] = []
    if assignment.region_id is not None:
        if fields.region is None:
            return None
        path = _prefix_lookup(model, fields.region) if model is not None else fields.region
        parts.append(subtree_q(path, assignment.region_id))
    if assignment.agency_id is not None:
        if fields.agency is None:
            return None
        parts.append(Q(**{fields.agency: assignment.agency_id}))
    if assignment.service_point_id is not None:
        if fields.service_point is None:
            return None
        parts.append(Q(**{fields.service_point: assignment.service_point_id}))
    if not parts:
        return None
    q = parts[0]
    for part in parts[1:]:
        q &= part
    return q


def restrict(user: Any, perm: str, queryset: models.QuerySet[M]) -> models.QuerySet[M]:
    """The rows of `queryset` on which `user` holds `perm`; none when it holds it nowhere."""
    if user is not None and user.is_authenticated and user.is_superuser and user.is_active:
        return queryset
    fields = scope_fields(queryset.model)
    combined: Q | None = None
    for assignment in granting(user, perm):
        q = _assignment_q(assignment, fields, queryset.model)
        if q is not None:
            combined = q if combined is None else combined | q
    return queryset.none() if combined is None else queryset.filter(combined)


def _value(obj: models.Model, path: str) -> Any:
    try:
        return attrgetter(path.replace("__", "."))(obj)
    except AttributeError:
        return None


def _assignment_matches(assignment: Any, obj: models.Model, fields: ScopeFields) -> bool:
    checked = False
    if assignment.region_id is not None:
        if fields.region is None or not in_subtree(
            _value(obj, fields.region), assignment.region_id
        ):
            return False
        checked = True
    if assignment.agency_id is not None:
        if fields.agency is None or _value(obj, fields.agency) != assignment.agency_id:
            return False
        checked = True
    if assignment.service_point_id is not None:
        if fields.service_point is None or (
            _value(obj, fields.service_point) != assignment.service_point_id
        ):
            return False
        checked = True
    return checked


def can(user: Any, perm: str, obj: models.Model | None = None) -> bool:
    """May `user` do `perm` — on `obj` when given, or somewhere in its scope when not."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    assignments = granting(user, perm)
    if obj is None:
        return bool(assignments)
    fields = scope_fields(type(obj))
    return any(_assignment_matches(a, obj, fields) for a in assignments)
