#!/usr/bin/env python3
"""Draining the notifications outbox on PostgreSQL: 4 worker threads running
`notifications_send_due` over 4,000 queued WhatsApp messages against a provider on loopback,
against the same number of bare HTTP posts to that provider from 4 threads in the same run.

The outbox does more than the baseline by design: each message is claimed
(`FOR UPDATE SKIP LOCKED` + compare-and-set), sent outside any transaction, and its outcome
written back. The ratio is what that bookkeeping costs per message. Creates and drops its own
database. Last stdout line: {"per_s", "baseline_per_s", "ratio", "messages", "duplicates"}.
"""

from __future__ import annotations

import os
import sys

# bench/queue.py is named like the standard library's `queue`; run as a script, this folder
# comes first on sys.path and would shadow it for psycopg and Django.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]

import json
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import psycopg

SERVER = "postgresql://postgres@127.0.0.1:5432"
DB_NAME = "balai_bench_notifications"
MESSAGES = int(os.environ.get("BENCH_NOTIFY_MESSAGES", 4_000))
THREADS = int(os.environ.get("BENCH_NOTIFY_THREADS", 4))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def recreate(drop_only: bool = False) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


class Provider:
    """WhatsApp Cloud-shaped: answers every POST with a fresh message id; counts the texts."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.lock = threading.Lock()
        provider = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with provider.lock:
                    provider.texts.append(body["text"]["body"])
                    message_id = f"wamid.{len(provider.texts)}"
                answer = json.dumps({"messages": [{"id": message_id}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def run_threads(work) -> float:
    from django.db import connection

    barrier = threading.Barrier(THREADS + 1)

    def run(i: int) -> None:
        try:
            barrier.wait()
            work(i)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began


def seed() -> None:
    from django.utils import timezone

    from balai.notifications.models import Notification

    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            regency_code="35.10",
            address="6281234567890",
            channel="whatsapp",
            template_code="case_progress",
            text=f"Permohonan {n:05d} kini diproses.",
            next_attempt_at=now,
            created_at=now,
        )
        for n in range(MESSAGES)
    )


def bench_outbox() -> float:
    from django.utils import timezone

    from balai.notifications.worker import notifications_send_due

    def work(_i: int) -> None:
        while notifications_send_due(now=timezone.now(), limit=20).sent:
            pass

    return MESSAGES / run_threads(work)


def bench_baseline(url: str) -> float:
    each = MESSAGES // THREADS

    def work(i: int) -> None:
        for n in range(each):
            body = json.dumps({"to": "6281234567890", "text": {"body": f"b{i}-{n}"}}).encode()
            request = urllib.request.Request(  # noqa: S310 - loopback
                url, data=body, headers={"Content-Type": "application/json"}, method="POST"
            )
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                response.read()

    return each * THREADS / run_threads(work)


def main() -> None:
    recreate()
    try:
        os.environ["BALAI_DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
        os.environ.setdefault("BALAI_VAR_DIR", tempfile.mkdtemp(prefix="balai-bench-"))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
        provider = Provider()
        os.environ["BALAI_WHATSAPP_URL"] = f"{provider.url}/wa"
        os.environ["BALAI_WHATSAPP_PHONE_ID"] = "1"
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        log("migrating")
        call_command("migrate", verbosity=0)
        log(f"queueing {MESSAGES} messages")
        seed()
        log(f"outbox: {THREADS} workers")
        per_s = bench_outbox()
        sent = len(provider.texts)
        duplicates = sent - len(set(provider.texts))
        log(f"baseline: {MESSAGES} bare posts from {THREADS} threads")
        baseline = bench_baseline(f"{provider.url}/wa/1/messages")
        connections.close_all()
        provider.server.shutdown()
    finally:
        recreate(drop_only=True)
    print(
        json.dumps(
            {
                "per_s": round(per_s, 1),
                "baseline_per_s": round(baseline, 1),
                "ratio": round(per_s / baseline, 3),
                "messages": sent,
                "duplicates": duplicates,
            }
        )
    )


if __name__ == "__main__":
    main()
