"""Signing in and out. The decisions (rate limit, audit) are in accounts.services."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from balai.accounts.forms import CodeLoginForm, CodeRequestForm, LoginForm
from balai.accounts.services import (
    LoginRefused,
    login_attempt,
    login_code_send,
    login_with_code,
    logout_record,
)
from balai.core.client import client_ip


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST if request.method == "POST" else None)
    refusal = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = login_attempt(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                ip=client_ip(request),
            )
        except LoginRefused as exc:
            refusal = exc.message
            status = 429 if exc.locked else 200
        else:
            login(request, user)
            return redirect(_next_url(request))
    return render(
        request,
        "accounts/login.html",
        {"form": form, "refusal": refusal, "next": request.GET.get("next", "")},
        status=status,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout_record(user=request.user)
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


@sensitive_post_parameters("password", "code")
@csrf_protect
@never_cache
def code_login_view(request: HttpRequest) -> HttpResponse:
    """Signing in with the password and a code e-mailed to the account: the way in while the
    account's password attempts are locked by someone else's guesses."""
    refusal = None
    status = 200
    form: CodeRequestForm | CodeLoginForm = CodeRequestForm()
    if request.method == "POST" and request.POST.get("step") == "send":
        form = CodeRequestForm(request.POST)
        if form.is_valid():
            login_code_send(username=form.cleaned_data["username"], ip=client_ip(request))
            # The same answer whether or not the account exists or has an e-mail address.
            form = CodeLoginForm(initial={"username": form.cleaned_data["username"]})
    elif request.method == "POST":
        form = CodeLoginForm(request.POST)
        if form.is_valid():
            try:
                user = login_with_code(
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password"],
                    code=form.cleaned_data["code"],
                    ip=client_ip(request),
                )
            except LoginRefused as exc:
                refusal = exc.message
                status = 429 if exc.locked else 200
            else:
                login(request, user)
                return redirect(_next_url(request))
    return render(
        request,
        "accounts/login_code.html",
        {"form": form, "refusal": refusal, "sent": isinstance(form, CodeLoginForm)},
        status=status,
    )
