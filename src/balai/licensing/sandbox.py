"""A sandbox OSS on loopback: validates a NIB request as OSS does, answers with a 13-digit NIB,
and can be told to be slow, fail (5xx) or time out, per request or by ratio.

It keeps what it issued in memory, by idempotency key: a repeated key gets the same NIB. The
timeout fault registers the request and then withholds the answer — the case that makes a
careless client ask twice. Never touches Balai's database: it is handed the KBLI codes it knows.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
import urllib.parse
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

REQUIRED = ("nik", "nama", "nama_usaha", "kbli", "alamat", "kode_desa", "modal", "tenaga_kerja")


@dataclass
class Faults:
    slow_ms: int = 0  # added to every answer
    fail_ratio: float = 0.0  # share of requests answered 503 before anything is done
    timeout_ratio: float = 0.0  # share registered, then answered only after hang_s
    hang_s: float = 2.0
    queue: deque[str] = field(default_factory=deque)  # "fail"/"timeout"/"ok" for the next ones
    seed: int = 9


class OssSandbox:
    def __init__(
        self, *, kbli_codes: set[str], host: str = "127.0.0.1", port: int = 0, nib_prefix: str = "9"
    ) -> None:
        self.kbli_codes = frozenset(kbli_codes)
        self.faults = Faults()
        self._random = random.Random(self.faults.seed)
        self._lock = threading.Lock()
        self.issued: dict[str, dict[str, Any]] = {}  # key -> {"nib", "nik", "nama_usaha"}
        self.requests = 0
        self._serial = 0
        self._prefix = nib_prefix
        sandbox = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                url = urllib.parse.urlsplit(self.path)
                if url.path == "/_sandbox/stats":
                    return self._reply(200, sandbox.stats())
                if url.path != "/api/v1/nib":
                    return self._reply(404, {"message": "not found"})
                key = urllib.parse.parse_qs(url.query).get("key", [""])[0]
                fault = sandbox._fault(self.headers.get("X-Sandbox-Fault"))
                if fault == "fail":
                    return self._reply(503, {"message": "layanan sedang sibuk"})
                with sandbox._lock:
                    found = sandbox.issued.get(key)
                if found is None:
                    return self._reply(404, {"message": "kunci tidak dikenal"})
                return self._reply(200, {"nib": found["nib"], "replayed": True})

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                url = urllib.parse.urlsplit(self.path)
                if url.path == "/_sandbox/faults":
                    sandbox.configure(**json.loads(body or b"{}"))
                    return self._reply(200, sandbox.stats())
                if url.path != "/api/v1/nib":
                    return self._reply(404, {"message": "not found"})
                fault = sandbox._fault(self.headers.get("X-Sandbox-Fault"))
                if fault == "fail":
                    return self._reply(503, {"message": "layanan sedang sibuk"})
                key = self.headers.get("Idempotency-Key", "")
                try:
                    payload = json.loads(body)
                except ValueError:
                    return self._reply(400, {"message": "JSON tidak valid", "errors": []})
                status, answer = sandbox.register(key, payload)
                if fault == "timeout":
                    time.sleep(sandbox.faults.hang_s)
                self._reply(status, answer)

            def _reply(self, status: int, body: dict[str, Any]) -> None:
                if sandbox.faults.slow_ms:
                    time.sleep(sandbox.faults.slow_ms / 1000)
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout fault): the work is done anyway

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.server.daemon_threads = True
        self.url = f"http://{host}:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # --- control ---------------------------------------------------------------------------
    def configure(self, **changes: Any) -> None:
        with self._lock:
            for name, value in changes.items():
                if name == "queue":
                    self.faults.queue.extend(value)
                elif hasattr(self.faults, name):
                    setattr(self.faults, name, value)
            if "seed" in changes:
                self._random = random.Random(changes["seed"])

    def stats(self) -> dict[str, Any]:
        with self._lock:
            nibs = [entry["nib"] for entry in self.issued.values()]
            return {"requests": self.requests, "issued": len(nibs), "distinct": len(set(nibs))}

    def _fault(self, forced: str | None) -> str:
        with self._lock:
            self.requests += 1
            if forced:
                return forced
            if self.faults.queue:
                return self.faults.queue.popleft()
            draw = self._random.random()
            if draw < self.faults.fail_ratio:
                return "fail"
            if draw < self.faults.fail_ratio + self.faults.timeout_ratio:
                return "timeout"
            return "ok"

    # --- what OSS does ---------------------------------------------------------------------
    def validate(self, payload: dict[str, Any]) -> list[dict[str, str]]:
        errors = [
            {"field": name, "code": "required", "message": f"{name} wajib diisi"}
            for name in REQUIRED
            if payload.get(name) in (None, "", [])
        ]
        nik = str(payload.get("nik") or "")
        if nik and not re.fullmatch(r"\d{16}", nik):
            errors.append({"field": "nik", "code": "nik_invalid", "message": "NIK harus 16 digit"})
        for code in payload.get("kbli") or []:
            if str(code) not in self.kbli_codes:
                errors.append(
                    {"field": "kbli", "code": "kbli_unknown", "message": f"KBLI {code} tidak ada"}
                )
        return errors

    def register(self, key: str, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if not key:
            return 400, {"message": "Idempotency-Key wajib", "errors": []}
        errors = self.validate(payload)
        if errors:
            return 422, {"message": "data tidak valid", "errors": errors}
        with self._lock:
            found = self.issued.get(key)
            if found is not None:
                return 200, {"nib": found["nib"], "replayed": True}
            self._serial += 1
            # 13 digits, as OSS's NIB; the sandbox's start with its prefix so none looks real.
            nib = f"{self._prefix}{self._serial:0{13 - len(self._prefix)}d}"
            self.issued[key] = {"nib": nib, "nik": payload["nik"], "name": payload["nama_usaha"]}
        return 201, {"nib": nib, "replayed": False}

    # --- lifecycle -------------------------------------------------------------------------
    def start(self) -> OssSandbox:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> OssSandbox:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()
