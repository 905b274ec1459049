"""Signing in and out, staff accounts and API tokens. Every change writes its audit event."""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.api_auth import hash_key
from balai.accounts.models import ApiToken, LoginFailure, StaffRole, User
from balai.accounts.roles import ADMIN_SITE_ROLES
from balai.audit.services import audit_record

TOKEN_PREFIX_LENGTH = 8


class LoginRefused(Exception):
    """A sign-in that must not go through; `message` is for the person at the form."""

    def __init__(self, message: str, *, locked: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.locked = locked


def _recent_failures(*, username: str, ip: str | None, since: Any) -> list[LoginFailure]:
    who = Q(username=username)
    if ip:
        who |= Q(ip=ip)
    return list(
        LoginFailure.objects.filter(who, created_at__gte=since).only("username", "ip", "created_at")
    )


def login_lockout_minutes(*, username: str, ip: str | None) -> int:
    """Minutes until this username and address may try again; 0 when they may now.

    Both counts matter: one username guessed from many places, and many usernames guessed
    from one place (the incumbent's PINs fell to the second kind).
    """
    now = timezone.now()
    window = timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    failures = _recent_failures(username=username, ip=ip, since=now - window)
    limit = settings.LOGIN_MAX_FAILURES
    waits: list[timedelta] = []
    for same in (
        [f for f in failures if f.username == username],
        [f for f in failures if ip and f.ip == ip],
    ):
        if len(same) >= limit:
            # Free again when enough of the oldest failures have left the window.
            same.sort(key=lambda f: f.created_at)
            waits.append(same[len(same) - limit].created_at + window - now)
    if not waits:
        return 0
    return max(1, math.ceil(max(waits).total_seconds() / 60))


def login_attempt(*, username: str, password: str, ip: str | None) -> User:
    """The user these credentials belong to, or LoginRefused with a message for the form."""
    username = username.strip()
    minutes = login_lockout_minutes(username=username, ip=ip)
    if minutes:
        with transaction.atomic():
            audit_record(
                actor=None,
                action="accounts.login_locked",
                object_type="accounts.user",
                object_id=username,
                after={"username": username, "minutes": minutes},
            )
        raise LoginRefused(
            _("Terlalu banyak percobaan masuk. Coba lagi dalam %(n)d menit.") % {"n": minutes},
            locked=True,
        )
    user = authenticate(username=username, password=password)
    if user is None:
        with transaction.atomic():
            # Failures older than the window count for nothing; dropping them here keeps the
            # table as small as the window (created_at is indexed).
            LoginFailure.objects.filter(
                created_at__lt=timezone.now()
                - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
            ).delete()
            LoginFailure.objects.create(username=username, ip=ip)
            audit_record(
                actor=None,
                action="accounts.login_failed",
                object_type="accounts.user",
                object_id=username,
                after={"username": username},
            )
        # Never say whether the username or the password was wrong.
        raise LoginRefused(_("Nama pengguna atau kata sandi salah."))
    with transaction.atomic():
        LoginFailure.objects.filter(username=username).delete()
        audit_record(actor=user, action="accounts.login", obj=user)
    return user


def logout_record(*, user: Any) -> None:
    if user is None or not user.is_authenticated:
        return
    with transaction.atomic():
        audit_record(actor=user, action="accounts.logout", obj=user)


def staff_sync_admin_access(*, user: User) -> bool:
    """`is_staff` (the Django admin door) follows the roles: superusers and ADMIN_SITE_ROLES.

    It is never edited by hand, so taking a role away also closes the admin.
    """
    wanted = user.is_superuser or user.staff_roles.filter(role__in=ADMIN_SITE_ROLES).exists()
    if user.is_staff != wanted:
        user.is_staff = wanted
        user.save(update_fields=["is_staff"])
    return wanted


def staff_create(
    *,
    actor: Any,
    username: str,
    password: str | None,
    role: str,
    region: str | None = None,
    agency: Any = None,
    service_point: Any = None,
    full_name: str = "",
) -> User:
    """A staff account with its first role; the role's scope is checked before anything is
    written (StaffRole.clean)."""
    with transaction.atomic():
        user = User(username=username, full_name=full_name)
        if password:
            validate_password(password, user)
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        staff_role_add(
            actor=actor,
            user=user,
            role=role,
            region=region,
            agency=agency,
            service_point=service_point,
        )
        audit_record(
            actor=actor, action="accounts.staff_created", obj=user, after={"username": username}
        )
    return user


def staff_role_add(
    *,
    actor: Any,
    user: User,
    role: str,
    region: str | None = None,
    agency: Any = None,
    service_point: Any = None,
) -> StaffRole:
    with transaction.atomic():
        assignment = StaffRole(
            user=user, role=role, region_id=region, agency=agency, service_point=service_point
        )
        assignment.full_clean(exclude=["user"])
        assignment.save()
        staff_sync_admin_access(user=user)
        audit_record(
            actor=actor,
            action="accounts.role_added",
            obj=assignment,
            region_code=region,
            after=_assignment_facts(assignment),
        )
    return assignment


def _assignment_facts(assignment: StaffRole) -> dict[str, Any]:
    return {
        "user": assignment.user.username,
        "role": assignment.role,
        "region": assignment.region_id,
        "agency": assignment.agency_id,
        "service_point": assignment.service_point_id,
    }


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    key: str


def token_create(*, actor: Any, user: User, name: str, days: int | None = None) -> IssuedToken:
    """A new API key; the caller shows `key` once, only its sha256 is kept. It expires after
    `days`, by default `API_TOKEN_DAYS`: a key copied into a script and forgotten stops
    working on its own instead of living for ever."""
    key = secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(days=days or settings.API_TOKEN_DAYS)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=key[:TOKEN_PREFIX_LENGTH],
            key_hash=hash_key(key),
            expires_at=expires_at,
        )
        audit_record(
            actor=actor,
            action="accounts.token_created",
            obj=token,
            after={"user": user.username, "name": name, "prefix": token.prefix},
        )
    return IssuedToken(token=token, key=key)


def token_revoke(*, actor: Any, prefix: str) -> list[ApiToken]:
    """Revokes every live token with this prefix; returns them (none found: empty)."""
    with transaction.atomic():
        tokens = list(
            ApiToken.objects.select_for_update().filter(prefix=prefix, revoked_at__isnull=True)
        )
        now = timezone.now()
        for token in tokens:
            token.revoked_at = now
            token.save(update_fields=["revoked_at"])
            audit_record(
                actor=actor,
                action="accounts.token_revoked",
                obj=token,
                after={"prefix": prefix},
            )
    return tokens
