"""The payment-gateway adapter: open a virtual account, ask its status, verify a callback.

Balai speaks to a gateway only through `PaymentGateway`; `HttpVaGateway` is the JSON-over-HTTPS
protocol most Indonesian VA aggregators share (and the loopback fake in the tests serves):

- `POST {base}/v1/virtual-accounts` `{external_id, amount, name, expires_at}` →
  201 `{id, external_id, va_number, bank, amount, status: "PENDING", expires_at}`
- `GET {base}/v1/virtual-accounts/{external_id}` →
  200 `{…, status: "PENDING"|"PAID"|"EXPIRED", payments: [{transaction_id, amount, paid_at}]}`
- requests carry `X-Client-Id`, `X-Timestamp` and `X-Signature`: hex HMAC-SHA256 with the shared
  secret over `METHOD\\nPATH\\nTIMESTAMP\\nsha256(body)`;
- the gateway calls back `POST /api/v1/payments/callback` with
  `{event: "va.paid", external_id, transaction_id, amount, paid_at}` and the headers
  `X-Callback-Timestamp` and `X-Callback-Signature` (hex HMAC-SHA256 over `TIMESTAMP.BODY`).

Configured by `BALAI_PAYMENT_GATEWAY_URL`, `_CLIENT_ID` and `_SECRET`; without a URL there is
no gateway and bills are paid at the counter only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.utils import timezone

# A callback older or newer than this is refused: a captured request cannot be replayed later.
CALLBACK_MAX_SKEW = dt.timedelta(minutes=10)
TIMEOUT_S = 10


class GatewayError(Exception):
    """The gateway could not be reached or refused the request."""


class SignatureError(Exception):
    """A callback whose signature or timestamp does not check out."""


@dataclass(frozen=True)
class VirtualAccount:
    gateway_id: str
    va_number: str
    bank: str
    amount: int
    expires_at: dt.datetime | None


@dataclass(frozen=True)
class GatewayPayment:
    reference: str
    transaction_id: str
    amount: int
    paid_at: dt.datetime
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GatewayStatus:
    status: str
    payments: list[GatewayPayment]


class PaymentGateway(Protocol):
    def create_virtual_account(
        self, *, reference: str, amount: int, name: str, expires_at: dt.datetime
    ) -> VirtualAccount: ...

    def query(self, *, reference: str) -> GatewayStatus: ...

    def verify_callback(self, *, body: bytes, headers: Any) -> GatewayPayment: ...


def sign(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _parse_time(value: Any) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if timezone.is_naive(parsed):
        raise ValueError("naive time")
    return parsed


def _payment(reference: str, data: dict[str, Any]) -> GatewayPayment:
    amount = data["amount"]
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
        raise ValueError("amount must be a whole number of rupiah")
    transaction_id = str(data["transaction_id"])
    if not 0 < len(transaction_id) <= 80:
        raise ValueError("transaction_id length")
    return GatewayPayment(
        reference=reference,
        transaction_id=transaction_id,
        amount=amount,
        paid_at=_parse_time(data["paid_at"]),
        payload=data,
    )


class HttpVaGateway:
    def __init__(self, *, base_url: str, client_id: str, secret: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.client_id = client_id
        self.secret = secret

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict:
        raw = json.dumps(body).encode() if body is not None else b""
        stamp = timezone.now().isoformat()
        digest = hashlib.sha256(raw).hexdigest()
        signature = sign(self.secret, f"{method}\n{path}\n{stamp}\n{digest}".encode())
        request = urllib.request.Request(  # noqa: S310 - the URL is the configured gateway
            self.base_url + path,
            data=raw if body is not None else None,
            method=method,
            headers={
                "Content-Type": "application/json",
                "X-Client-Id": self.client_id,
                "X-Timestamp": stamp,
                "X-Signature": signature,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            raise GatewayError(f"gateway answered {exc.code}") from exc
        except (OSError, ValueError) as exc:
            raise GatewayError(f"gateway unreachable: {exc}") from exc

    def create_virtual_account(
        self, *, reference: str, amount: int, name: str, expires_at: dt.datetime
    ) -> VirtualAccount:
        data = self._call(
            "POST",
            "/v1/virtual-accounts",
            {
                "external_id": reference,
                "amount": amount,
                "name": name,
                "expires_at": expires_at.isoformat(),
            },
        )
        try:
            if data["external_id"] != reference or data["amount"] != amount:
                raise GatewayError("gateway opened a different account")
            return VirtualAccount(
                gateway_id=str(data["id"]),
                va_number=str(data["va_number"]),
                bank=str(data.get("bank", "")),
                amount=int(data["amount"]),
                expires_at=_parse_time(data["expires_at"]) if data.get("expires_at") else None,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise GatewayError(f"malformed gateway answer: {exc!r}") from exc

    def query(self, *, reference: str) -> GatewayStatus:
        data = self._call("GET", f"/v1/virtual-accounts/{reference}")
        try:
            return GatewayStatus(
                status=str(data["status"]),
                payments=[_payment(reference, p) for p in data.get("payments", [])],
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise GatewayError(f"malformed gateway answer: {exc!r}") from exc

    def verify_callback(self, *, body: bytes, headers: Any) -> GatewayPayment:
        stamp = headers.get("X-Callback-Timestamp") or ""
        given = headers.get("X-Callback-Signature") or ""
        expected = sign(self.secret, stamp.encode() + b"." + body)
        if not hmac.compare_digest(given.encode(), expected.encode()):
            raise SignatureError("bad signature")
        try:
            sent_at = _parse_time(stamp)
        except ValueError as exc:
            raise SignatureError("bad timestamp") from exc
        if abs(timezone.now() - sent_at) > CALLBACK_MAX_SKEW:
            raise SignatureError("stale callback")
        try:
            data = json.loads(body)
            if data.get("event") != self.paid_event:
                raise ValueError("not a payment event")
            return self._callback_payment(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"malformed callback: {exc!r}") from exc

    # The callback's signature, clock and shape are checked alike for every collector; what a
    # paid event is called and where its proof of payment sits differ.
    paid_event = "va.paid"

    def _callback_payment(self, data: dict[str, Any]) -> GatewayPayment:
        return _payment(str(data["external_id"]), data)


def gateway_get() -> PaymentGateway | None:
    """The configured gateway, or None when bills are paid at the counter only."""
    url = getattr(settings, "BALAI_PAYMENT_GATEWAY_URL", "")
    if not url:
        return None
    return HttpVaGateway(
        base_url=url,
        client_id=getattr(settings, "BALAI_PAYMENT_GATEWAY_CLIENT_ID", ""),
        secret=settings.BALAI_PAYMENT_GATEWAY_SECRET,
    )


class HttpSimponiGateway(HttpVaGateway):
    """PNBP through SIMPONI, the state treasury's billing system (UU 9/2018 on PNBP): a billing
    code (kode billing, 15 digits) is issued for the exact amount and paid at any bank or post
    office before it expires; the payment is proven by its NTPN (Nomor Transaksi Penerimaan
    Negara). The adapter speaks the same signed JSON shape as the VA gateway:

    - `POST {base}/v1/billing` `{external_id, amount, name, expires_at}` →
      201 `{billing_code, external_id, amount, status: "PENDING", expires_at}`
    - `GET {base}/v1/billing/{external_id}` →
      200 `{…, status: "PENDING"|"PAID"|"EXPIRED", payments: [{ntpn, amount, paid_at}]}`
    - callback `POST /api/v1/payments/simponi/callback`
      `{event: "billing.paid", external_id, billing_code, ntpn, amount, paid_at}`,
      signed like the VA gateway's.

    Configured by `BALAI_SIMPONI_URL`, `_CLIENT_ID` and `_SECRET`.
    """

    BANK = "SIMPONI"

    def create_virtual_account(
        self, *, reference: str, amount: int, name: str, expires_at: dt.datetime
    ) -> VirtualAccount:
        data = self._call(
            "POST",
            "/v1/billing",
            {
                "external_id": reference,
                "amount": amount,
                "name": name,
                "expires_at": expires_at.isoformat(),
            },
        )
        try:
            code = str(data["billing_code"])
            if data["external_id"] != reference or data["amount"] != amount:
                raise GatewayError("SIMPONI issued a different billing")
            if not (len(code) == 15 and code.isdigit()):
                raise GatewayError("a billing code has 15 digits")
            return VirtualAccount(
                gateway_id=code,
                va_number=code,
                bank=self.BANK,
                amount=int(data["amount"]),
                expires_at=_parse_time(data["expires_at"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise GatewayError(f"malformed SIMPONI answer: {exc!r}") from exc

    def query(self, *, reference: str) -> GatewayStatus:
        data = self._call("GET", f"/v1/billing/{reference}")
        try:
            return GatewayStatus(
                status=str(data["status"]),
                payments=[
                    _payment(reference, {**p, "transaction_id": p["ntpn"]})
                    for p in data.get("payments", [])
                ],
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise GatewayError(f"malformed SIMPONI answer: {exc!r}") from exc

    paid_event = "billing.paid"

    def _callback_payment(self, data: dict[str, Any]) -> GatewayPayment:
        # SIMPONI's proof of payment is the NTPN (state revenue transaction number).
        return _payment(str(data["external_id"]), {**data, "transaction_id": data["ntpn"]})


def simponi_get() -> PaymentGateway | None:
    """The configured SIMPONI adapter, or None when PNBP is paid at the counter only."""
    url = getattr(settings, "BALAI_SIMPONI_URL", "")
    if not url:
        return None
    return HttpSimponiGateway(
        base_url=url,
        client_id=getattr(settings, "BALAI_SIMPONI_CLIENT_ID", ""),
        secret=getattr(settings, "BALAI_SIMPONI_SECRET", ""),
    )


def gateway_for(collector: str) -> PaymentGateway | None:
    """The gateway a bill is paid through: SIMPONI for PNBP, the regency's VA otherwise."""
    return simponi_get() if collector == "pnbp" else gateway_get()
