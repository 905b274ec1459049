"""Signing in and out, staff accounts and API tokens. Every change writes its audit event."""

from __future__ import annotations

import hmac
import math
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from balai.accounts.api_auth import hash_key
from balai.accounts.models import ApiToken, LoginCode, LoginFailure, StaffRole, User
from balai.accounts.roles import ADMIN_SITE_ROLES
from balai.accounts.throttle import Rule, throttle_clear, throttle_give_back, throttle_take
from balai.audit.services import audit_record
from balai.notifications.choices import NotifyChannel
from balai.notifications.services import notify

TOKEN_PREFIX_LENGTH = 8


class LoginRefused(Exception):
    """A sign-in that must not go through; `message` is for the person at the form."""

    def __init__(self, message: str, *, locked: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.locked = locked


def account_rule() -> Rule:
    return Rule(
        limit=settings.LOGIN_MAX_FAILURES,
        window_seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS,
        max_lock_seconds=settings.LOGIN_LOCKOUT_MAX_SECONDS,
    )


def address_rule() -> Rule:
    return Rule(
        limit=settings.LOGIN_MAX_FAILURES_PER_IP,
        window_seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS,
    )


def _locked(*, username: str, seconds: int, reason: str) -> LoginRefused:
    minutes = max(1, math.ceil(seconds / 60))
    with transaction.atomic():
        audit_record(
            actor=None,
            action="accounts.login_locked",
            object_type="accounts.user",
            object_id=username,
            after={"username": username, "minutes": minutes, "by": reason},
        )
    return LoginRefused(
        _("Terlalu banyak percobaan masuk. Coba lagi dalam %(n)d menit.") % {"n": minutes},
        locked=True,
    )


def _failed(*, username: str, ip: str | None) -> LoginRefused:
    with transaction.atomic():
        # Failures older than the window count for nothing; dropping them here keeps the
        # record as small as the window (created_at is indexed).
        LoginFailure.objects.filter(
            created_at__lt=timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
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
    return LoginRefused(_("Nama pengguna atau kata sandi salah."))


def login_attempt(
    *, username: str, password: str, ip: str | None, second_factor: bool = False
) -> User:
    """The user these credentials belong to, or LoginRefused with a message for the form.

    Two counters, each taken before the password is checked: the client address (many names
    guessed from one place) and the account (one name guessed from many places). Made-up
    names from one address lock that address only; a real user locked by someone else's
    guesses still signs in with an e-mailed code (`second_factor`, which skips the account
    counter: the code is the proof, and it has its own tries).
    """
    username = username.strip()
    now = timezone.now()
    if ip:
        wait = throttle_take(key=f"ip:{ip}", rule=address_rule(), now=now)
        if wait:
            raise _locked(username=username, seconds=wait, reason="address")
    account_key = f"user:{username.lower()}"
    if not second_factor:
        wait = throttle_take(key=account_key, rule=account_rule(), now=now)
        if wait:
            raise _locked(username=username, seconds=wait, reason="account")
    user = authenticate(username=username, password=password)
    if user is None:
        raise _failed(username=username, ip=ip)
    with transaction.atomic():
        throttle_clear(key=account_key)
        if ip:
            throttle_give_back(key=f"ip:{ip}")
        LoginFailure.objects.filter(username=username).delete()
        audit_record(
            actor=user,
            action="accounts.login",
            obj=user,
            after={"second_factor": "email_code"} if second_factor else None,
        )
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


LOGIN_CODE_MAX_WRONG = 5
# Codes one account may be sent in an hour: nobody can flood a colleague's mailbox.
LOGIN_CODES_PER_HOUR = 5


def _code_hash(user_id: int, code: str) -> str:
    return salted_hmac("balai.accounts.login_code", f"{user_id}:{code}").hexdigest()


def login_code_send(*, username: str, ip: str | None) -> None:
    """E-mails a one-time sign-in code to the account's address, through the outbox.

    The answer is the same whether or not the account exists or has an e-mail address, so the
    page reveals nothing; the address's own counter limits how often it may ask.
    """
    username = username.strip()
    now = timezone.now()
    if ip and throttle_take(key=f"ip:{ip}", rule=address_rule(), now=now):
        return
    user = User.objects.filter(username=username, is_active=True).exclude(email="").first()
    if user is None:
        return
    hourly = Rule(limit=LOGIN_CODES_PER_HOUR, window_seconds=3600)
    if throttle_take(key=f"code:{user.pk}", rule=hourly, now=now):
        return
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        # Only the newest code counts.
        LoginCode.objects.filter(user=user, used_at__isnull=True).update(expires_at=now)
        row = LoginCode.objects.create(
            user=user,
            code_hash=_code_hash(user.pk, code),
            created_at=now,
            expires_at=now + timedelta(seconds=settings.LOGIN_CODE_SECONDS),
        )
        notify(
            template="staff_login_code",
            context={"code": code, "minutes": settings.LOGIN_CODE_SECONDS // 60},
            regency_code=settings.DEMO_REGENCY_CODE,
            channel=NotifyChannel.EMAIL,
            user=user,
            obj=row,
            now=now,
        )
        audit_record(actor=None, action="accounts.login_code_sent", obj=user)


def login_with_code(*, username: str, password: str, code: str, ip: str | None) -> User:
    """Signs in with the password and the e-mailed code, even while the account's password
    attempts are locked; a wrong code is counted (five per code) and committed."""
    username = username.strip()
    now = timezone.now()
    code = "".join(ch for ch in code if ch.isdigit())
    ok = False
    with transaction.atomic():
        row = (
            LoginCode.objects.select_for_update()
            .filter(user__username=username, used_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        if row is not None and row.failed_count < LOGIN_CODE_MAX_WRONG:
            ok = hmac.compare_digest(row.code_hash, _code_hash(row.user_id, code))
            if ok:
                row.used_at = now
            else:
                row.failed_count += 1
            row.save(update_fields=["used_at", "failed_count"])
    if not ok:
        raise _failed(username=username, ip=ip)
    return login_attempt(username=username, password=password, ip=ip, second_factor=True)
