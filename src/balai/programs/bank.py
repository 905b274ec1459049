"""Paying the regional bank: the transfer file, the gateway adapter, and a fake bank.

Transfer file (CSV, UTF-8, comma-separated, one header line, one transfer per line):

    reference,account,name,amount,description

`reference` is Balai's transfer reference (the bank's idempotency key, 32 hex characters);
`account` digits only; `amount` whole rupiah, no separators; `description` is the batch and
programme. Text fields are neutralised against formula injection like the spreadsheets.

Gateway (JSON over HTTP): POST /transfers {reference, account, name, amount} answers
200 {"status": "paid", "bank_ref": ...} or 200 {"status": "failed", "reason": ...}; any other
answer or no answer is transient and retried with the same reference, which the bank answers
with the outcome it already recorded: a retry never pays twice.
"""

from __future__ import annotations

import csv
import io
import json
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol

from balai.programs.exports import safe_cell

CSV_HEADER = ["reference", "account", "name", "amount", "description"]


@dataclass(frozen=True)
class BankResult:
    kind: str  # paid, failed, transient
    bank_ref: str = ""
    reason: str = ""


class BankGateway(Protocol):
    def transfer(self, *, reference: str, account: str, name: str, amount: int) -> BankResult: ...


def transfer_file(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow([safe_cell(row[k]) for k in CSV_HEADER])
    return out.getvalue()


class HttpBankGateway:
    def __init__(self, base_url: str, *, timeout: float = 10.0) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError("the bank gateway URL must be http(s)")
        self.url = base_url.rstrip("/") + "/transfers"
        self.timeout = timeout

    def transfer(self, *, reference: str, account: str, name: str, amount: int) -> BankResult:
        body = json.dumps(
            {"reference": reference, "account": account, "name": name, "amount": amount}
        ).encode("utf-8")
        request = urllib.request.Request(  # noqa: S310 (scheme checked in __init__)
            self.url, data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                answer = json.loads(response.read())
        except (urllib.error.URLError, TimeoutError, ValueError) as exc:
            return BankResult("transient", reason=str(exc)[:200])
        if answer.get("status") == "paid":
            return BankResult("paid", bank_ref=str(answer.get("bank_ref", "")))
        if answer.get("status") == "failed":
            return BankResult("failed", reason=str(answer.get("reason", ""))[:200])
        return BankResult("transient", reason="unexpected answer")


@dataclass
class FakeBank:
    """A bank on loopback for tests and the demo. `fail_accounts` maps an account to the
    reason the bank refuses it; `flaky` lists references answered once with HTTP 500 first."""

    fail_accounts: dict[str, str] = field(default_factory=dict)
    flaky: set[str] = field(default_factory=set)
    outcomes: dict[str, dict[str, Any]] = field(default_factory=dict)
    payments: list[tuple[str, int]] = field(default_factory=list)

    def __enter__(self) -> FakeBank:
        bank = self
        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                data = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                ref = data["reference"]
                with lock:
                    if ref in bank.flaky:
                        bank.flaky.discard(ref)
                        self._answer(500, {"error": "temporary"})
                        return
                    if ref not in bank.outcomes:
                        reason = bank.fail_accounts.get(data["account"])
                        if reason:
                            bank.outcomes[ref] = {"status": "failed", "reason": reason}
                        else:
                            bank.payments.append((ref, int(data["amount"])))
                            bank.outcomes[ref] = {
                                "status": "paid",
                                "bank_ref": f"BJ{len(bank.payments):08d}",
                            }
                    self._answer(200, bank.outcomes[ref])

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                raw = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
