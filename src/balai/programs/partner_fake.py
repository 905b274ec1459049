"""A logistics partner's side of voucher redemption, over HTTP: what a courier's system sends.

Tests run it against a live server on loopback, so redemption is exercised through the real
API shape (bearer token, JSON body, the error body's stable codes), not a shortcut."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any


@dataclass
class RedeemAnswer:
    status: int
    body: dict[str, Any]


class FakePartner:
    def __init__(self, base_url: str, token: str, *, timeout: float = 10.0) -> None:
        if not base_url.startswith(("http://127.0.0.1", "http://localhost")):
            raise ValueError("the fake partner only speaks to a server on loopback")
        self.url = base_url.rstrip("/") + "/api/v1/programs/vouchers/redeem"
        self.token = token
        self.timeout = timeout

    def redeem(self, code: str, parcel_ref: str) -> RedeemAnswer:
        request = urllib.request.Request(  # noqa: S310 (scheme checked in __init__)
            self.url,
            data=json.dumps({"code": code, "parcel_ref": parcel_ref}).encode("utf-8"),
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                return RedeemAnswer(response.status, json.loads(response.read()))
        except urllib.error.HTTPError as exc:
            return RedeemAnswer(exc.code, json.loads(exc.read() or b"{}"))
