"""`balai kiosk register|revoke|list`: kiosks for an operator at the server.

`register` prints the device's token once (one JSON line on stdout); only its hash is kept.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from balai.catalog.models import ServicePoint
from balai.kiosk.choices import DEFAULT_IDLE_SECONDS
from balai.kiosk.errors import KioskError
from balai.kiosk.models import KioskDevice
from balai.kiosk.services import device_register, device_revoke


def _row(device: KioskDevice) -> dict[str, Any]:
    return {
        "id": device.pk,
        "name": device.name,
        "service_point": device.service_point.code,
        "token_prefix": device.token_prefix,
        "idle_seconds": device.idle_seconds,
        "enrolled_at": device.enrolled_at.isoformat() if device.enrolled_at else None,
        "last_seen_at": device.last_seen_at.isoformat() if device.last_seen_at else None,
        "revoked_at": device.revoked_at.isoformat() if device.revoked_at else None,
    }


class Command(BaseCommand):
    help = "Register, revoke or list self-service kiosks (anjungan mandiri)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        register = sub.add_parser("register", help="register a kiosk; prints its token once")
        register.add_argument("--point", required=True, help="service point code")
        register.add_argument("--name", required=True)
        register.add_argument("--idle-seconds", type=int, default=DEFAULT_IDLE_SECONDS)
        revoke = sub.add_parser("revoke", help="revoke a kiosk by id or token prefix")
        revoke.add_argument("device", help="device id or the first 8 characters of its token")
        revoke.add_argument("--reason", required=True)
        listing = sub.add_parser("list", help="one JSON line per kiosk")
        listing.add_argument("--point", help="only this service point")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except KioskError as exc:
            raise CommandError(exc.message) from exc

    def _register(self, options: dict[str, Any]) -> None:
        point = ServicePoint.objects.filter(code=options["point"]).first()
        if point is None:
            raise CommandError(f"Tempat layanan {options['point']} tidak ditemukan.")
        device, token = device_register(
            actor=None,
            service_point=point,
            name=options["name"],
            idle_seconds=options["idle_seconds"],
        )
        self.stdout.write(json.dumps({**_row(device), "token": token}))

    def _revoke(self, options: dict[str, Any]) -> None:
        key = options["device"]
        devices = KioskDevice.objects.filter(token_prefix=key)
        if key.isdigit():
            devices = devices | KioskDevice.objects.filter(pk=int(key))
        found = list(devices.select_related("service_point")[:2])
        if len(found) != 1:
            raise CommandError("Perangkat tidak ditemukan (atau awalan token tidak unik).")
        device = device_revoke(actor=None, device=found[0], reason=options["reason"])
        self.stdout.write(json.dumps(_row(device)))

    def _list(self, options: dict[str, Any]) -> None:
        devices = KioskDevice.objects.select_related("service_point").order_by("pk")
        if options.get("point"):
            devices = devices.filter(service_point__code=options["point"])
        for device in devices:
            self.stdout.write(json.dumps(_row(device)))
