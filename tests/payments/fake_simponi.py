"""A stand-in for SIMPONI on loopback, speaking the JSON shape of `HttpSimponiGateway`: signed
requests in, 15-digit billing codes out, and signed `billing.paid` callbacks carrying the NTPN,
as the state treasury reports a PNBP payment made at a bank or post office."""

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

SECRET = "rahasia-simponi-uji-0123456789abcdef"
CLIENT_ID = "balai-simponi-uji"


def _sign(message: bytes, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


class FakeSimponi:
    def __init__(self, *, callback_url: str = "") -> None:
        self.callback_url = callback_url
        self.billings: dict[str, dict] = {}
        self._numbers = itertools.count(1)
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
                    return self._reply(401, {"error": "invalid signature"})
                if self.path != "/v1/billing":
                    return self._reply(404, {"error": "not found"})
                data = json.loads(body)
                billing = fake.billings.get(data["external_id"])
                if billing is None:
                    billing = {
                        "billing_code": f"8{next(fake._numbers):014d}",
                        "external_id": data["external_id"],
                        "amount": data["amount"],
                        "status": "PENDING",
                        "expires_at": data["expires_at"],
                        "payments": [],
                    }
                    fake.billings[data["external_id"]] = billing
                self._reply(201, billing)

            def do_GET(self) -> None:
                if not self._authentic(b""):
                    return self._reply(401, {"error": "invalid signature"})
                billing = fake.billings.get(self.path.removeprefix("/v1/billing/"))
                if billing is None:
                    return self._reply(404, {"error": "not found"})
                self._reply(200, billing)

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

    def __enter__(self) -> FakeSimponi:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def pay(self, reference: str, *, at: dt.datetime | None = None) -> dict:
        """Paid at a bank: the treasury records an NTPN (16 characters)."""
        billing = self.billings[reference]
        payment = {
            "ntpn": f"{next(self._numbers):016X}",
            "amount": billing["amount"],
            "paid_at": (at or dt.datetime.now(dt.UTC)).isoformat(),
        }
        billing["payments"].append(payment)
        billing["status"] = "PAID"
        return payment

    def expire(self, reference: str) -> None:
        self.billings[reference]["status"] = "EXPIRED"

    def deliver(self, reference: str, payment: dict) -> tuple[int, dict]:
        billing = self.billings[reference]
        body = json.dumps(
            {
                "event": "billing.paid",
                "external_id": reference,
                "billing_code": billing["billing_code"],
                **payment,
            }
        ).encode()
        stamp = dt.datetime.now(dt.UTC).isoformat()
        request = urllib.request.Request(  # noqa: S310 - loopback test server
            self.callback_url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "X-Callback-Timestamp": stamp,
                "X-Callback-Signature": _sign(stamp.encode() + b"." + body),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}")
