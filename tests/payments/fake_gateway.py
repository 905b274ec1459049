"""A stand-in for a virtual-account payment gateway on loopback, speaking the JSON protocol of
`balai.payments.gateway`: signed requests in, accounts out, and signed `va.paid` callbacks to
the URL it was given, as the real aggregator sends them when the citizen pays at the bank."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import itertools
import json
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = "rahasia-gateway-uji-0123456789abcdef"
CLIENT_ID = "balai-uji"


def _sign(message: bytes, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


class FakeGateway:
    def __init__(self, *, callback_url: str = "") -> None:
        self.callback_url = callback_url
        self.accounts: dict[str, dict] = {}
        self.refused: list[str] = []
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _authentic(self, body: bytes) -> bool:
                digest = hashlib.sha256(body).hexdigest()
                stamp = self.headers.get("X-Timestamp", "")
                expected = _sign(f"{self.command}\n{self.path}\n{stamp}\n{digest}".encode())
                return self.headers.get("X-Client-Id") == CLIENT_ID and hmac.compare_digest(
                    self.headers.get("X-Signature", ""), expected
                )

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if not self._authentic(body):
                    fake.refused.append(self.path)
                    return self._reply(401, {"error": "invalid signature"})
                if self.path != "/v1/virtual-accounts":
                    return self._reply(404, {"error": "not found"})
                data = json.loads(body)
                with fake._lock:
                    existing = fake.accounts.get(data["external_id"])
                    if existing is not None:
                        if existing["amount"] != data["amount"]:
                            return self._reply(409, {"error": "external_id exists"})
                        return self._reply(200, existing)
                    account = {
                        "id": f"va_{next(fake._numbers):06d}",
                        "external_id": data["external_id"],
                        "va_number": "88086" + data["external_id"][-11:],
                        "bank": "BANK JATIM",
                        "amount": data["amount"],
                        "name": data["name"],
                        "status": "PENDING",
                        "expires_at": data["expires_at"],
                        "payments": [],
                    }
                    fake.accounts[data["external_id"]] = account
                self._reply(201, account)

            def do_GET(self) -> None:
                if not self._authentic(b""):
                    fake.refused.append(self.path)
                    return self._reply(401, {"error": "invalid signature"})
                reference = self.path.removeprefix("/v1/virtual-accounts/")
                account = fake.accounts.get(reference)
                if account is None:
                    return self._reply(404, {"error": "not found"})
                self._reply(200, account)

            def _reply(self, status: int, data: dict) -> None:
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeGateway:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- what the bank does when the citizen pays ---------------------------------------------
    def pay(
        self, reference: str, *, amount: int | None = None, transaction_id: str | None = None
    ) -> dict:
        """The citizen pays at the bank: the account is marked paid; returns the payment."""
        account = self.accounts[reference]
        payment = {
            "transaction_id": transaction_id or f"trx_{next(self._numbers):08d}",
            "amount": account["amount"] if amount is None else amount,
            "paid_at": dt.datetime.now(dt.UTC).isoformat(),
        }
        account["payments"].append(payment)
        account["status"] = "PAID"
        return payment

    def callback(
        self, reference: str, payment: dict, *, secret: str = SECRET
    ) -> tuple[bytes, dict]:
        """The signed callback for a payment: (body, headers)."""
        body = json.dumps(
            {"event": "va.paid", "external_id": reference, "va_number": "", **payment}
        ).encode()
        stamp = dt.datetime.now(dt.UTC).isoformat()
        return body, {
            "Content-Type": "application/json",
            "X-Callback-Timestamp": stamp,
            "X-Callback-Signature": _sign(stamp.encode() + b"." + body, secret),
        }

    def deliver(self, reference: str, payment: dict, *, secret: str = SECRET) -> tuple[int, dict]:
        """Send the callback over HTTP to `callback_url`, as the gateway does."""
        body, headers = self.callback(reference, payment, secret=secret)
        request = urllib.request.Request(  # noqa: S310 - loopback test server
            self.callback_url, data=body, headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}")
