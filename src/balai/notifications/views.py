"""The providers' delivery-status webhook. Not a page: providers call it, signed."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from balai.notifications.addresses import phone_normalise
from balai.notifications.models import DemoMessage
from balai.notifications.services import delivery_receipt_apply
from balai.notifications.webhooks import (
    SIGNATURE_HEADER,
    receipts_parse,
    signature_valid,
)
from balai.notifications.worker import notifications_send_due

PROVIDERS = ("whatsapp", "sms")


@csrf_exempt  # called by the provider's servers; the HMAC signature stands in for the token
@require_POST
def delivery_webhook(request: HttpRequest, provider: str) -> HttpResponse:
    if provider not in PROVIDERS:
        return JsonResponse({"code": "not_found"}, status=404)
    if not signature_valid(
        provider=provider, body=request.body, header=request.headers.get(SIGNATURE_HEADER, "")
    ):
        return JsonResponse({"code": "bad_signature"}, status=403)
    try:
        receipts = receipts_parse(provider, request.body)
    except ValueError:
        return JsonResponse({"code": "invalid_body"}, status=400)
    applied = sum(
        delivery_receipt_apply(
            provider=provider, message_id=r.message_id, status=r.status, error=r.error
        )
        for r in receipts
    )
    # 200 even when nothing changed: the provider must stop retrying a receipt we already have.
    return JsonResponse({"received": len(receipts), "applied": applied})


def demo_inbox(request: HttpRequest) -> HttpResponse:
    """Every message the demo "sent". Exists only in demo mode, where every resident is
    synthetic: a visitor playing a citizen must read their own sign-in code here, so the
    page is open to anyone then, and answers 404 on any real installation."""
    if not settings.DEMO_MODE:
        raise Http404
    # Hand the outbox to the demo provider first: the demo runs no separate worker.
    notifications_send_due()
    to = request.GET.get("ke", "").strip()[:254]
    rows = DemoMessage.objects.all()
    if to:
        phone = phone_normalise(to)
        rows = rows.filter(to__in={to, phone} - {None, ""})
    return render(
        request,
        "notifications/demo_inbox.html",
        {"messages_shown": rows[:50], "to": to},
    )
