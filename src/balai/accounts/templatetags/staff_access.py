"""`{% if user|may:"people.view_resident" %}`: menus show only what the role may open."""

from typing import Any

from django import template

from balai.accounts.permissions import has_perm_anywhere

register = template.Library()


@register.filter
def may(user: Any, perm: str) -> bool:
    return has_perm_anywhere(user, perm)
