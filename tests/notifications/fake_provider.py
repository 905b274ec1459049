"""A stand-in for the WhatsApp Business Cloud API and an SMS gateway, on loopback.

Speaks their HTTP shapes: `POST /wa/<phone-id>/messages` answers `{"messages": [{"id": …}]}`,
`POST /sms` answers `{"message_id": …}`. It can be told to answer the next requests of a
channel with an HTTP status (503, 400, …) or to hang past the client's timeout, and it signs
delivery receipts the way the providers do.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from balai.notifications.webhooks import signature_for

PHONE_ID = "1234567890"
TOKEN = "test-token"
WEBHOOK_SECRET = "receipt-secret"


class FakeProvider:
    def __init__(self) -> None:
        self.messages: list[dict[str, str]] = []
        self.failures: dict[str, list[int | str]] = {"whatsapp": [], "sms": []}
        self.lock = threading.Lock()
        self.counter = itertools.count(1)
        self.hang_seconds = 1.5
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    return self._reply(401, {"error": "bad token"})
                if self.path == f"/wa/{PHONE_ID}/messages":
                    channel, to, text = "whatsapp", body.get("to"), body["text"]["body"]
                elif self.path == "/sms":
                    channel, to, text = "sms", body.get("to"), body.get("text")
                else:
                    return self._reply(404, {"error": "no such path"})
                with fake.lock:
                    failure = fake.failures[channel].pop(0) if fake.failures[channel] else None
                if failure == "timeout":
                    time.sleep(fake.hang_seconds)
                    return self._reply(504, {"error": "late"})
                if failure is not None:
                    return self._reply(int(failure), {"error": "told to fail"})
                with fake.lock:
                    message_id = f"{channel}-{next(fake.counter)}"
                    fake.messages.append(
                        {"channel": channel, "to": to, "text": text, "id": message_id}
                    )
                if channel == "whatsapp":
                    return self._reply(200, {"messages": [{"id": message_id}]})
                return self._reply(200, {"message_id": message_id})

            def _reply(self, status: int, data: dict) -> None:
                body = json.dumps(data).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def fail_next(self, channel: str, *outcomes: int | str) -> None:
        with self.lock:
            self.failures[channel].extend(outcomes)

    def sent(self, channel: str | None = None) -> list[dict[str, str]]:
        with self.lock:
            return [m for m in self.messages if channel is None or m["channel"] == channel]

    @staticmethod
    def whatsapp_receipt(message_id: str, status: str) -> tuple[bytes, str]:
        """A WhatsApp Cloud status webhook body and its signature header."""
        item: dict = {"id": message_id, "status": status, "recipient_id": "x"}
        if status == "failed":
            item["errors"] = [{"code": 131026, "title": "Message undeliverable"}]
        body = json.dumps(
            {
                "object": "whatsapp_business_account",
                "entry": [
                    {"id": "1", "changes": [{"field": "messages", "value": {"statuses": [item]}}]}
                ],
            }
        ).encode()
        return body, signature_for(WEBHOOK_SECRET, body)

    @staticmethod
    def sms_receipt(message_id: str, status: str) -> tuple[bytes, str]:
        body = json.dumps({"message_id": message_id, "status": status}).encode()
        return body, signature_for(WEBHOOK_SECRET, body)

    def __enter__(self) -> FakeProvider:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
