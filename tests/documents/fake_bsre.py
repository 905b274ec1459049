"""A stand-in for the national signing service on loopback: multipart file + NIK + passphrase
in, the PAdES-signed PDF out; a wrong passphrase gets 401 as the real service answers."""

from __future__ import annotations

import email.parser
import email.policy
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from balai.documents.signing import LocalSigner


class FakeBsre:
    def __init__(self, *, nik: str, passphrase: str, signer: LocalSigner) -> None:
        self.nik, self.passphrase, self.signer = nik, passphrase, signer
        self.requests: list[dict[str, str]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                head = f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode()
                message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
                fields = {
                    part.get_param("name", header="content-disposition"): part.get_payload(
                        decode=True
                    )
                    for part in message.iter_parts()
                }
                fake.requests.append(
                    {k: v.decode(errors="replace") for k, v in fields.items() if k != "file"}
                )
                if self.path != "/api/sign/pdf" or fields.get("nik", b"").decode() != fake.nik:
                    return self._reply(404, json.dumps({"error": "user not found"}).encode())
                if fields.get("passphrase", b"").decode() != fake.passphrase:
                    return self._reply(401, json.dumps({"error": "passphrase salah"}).encode())
                signed = fake.signer.sign(fields["file"], reason="BSrE", location="Banyuwangi")
                self._reply(200, signed, "application/pdf")

            def _reply(self, status: int, body: bytes, kind: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeBsre:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
