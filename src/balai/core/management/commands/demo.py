"""`balai demo`: a fresh database with the Banyuwangi demo, then serve it."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from balai.accounts.roles import Role
from balai.core.demo.builder import demo_build
from balai.core.demo.citizens import PIN as CITIZEN_PIN
from balai.core.demo.database import DemoRefused
from balai.core.demo.staff import PASSWORD

# The accounts shown in the table; the rest follow the naming rules printed below it.
KEY_ROLES = (
    Role.ADMIN_KABUPATEN,
    Role.AUDITOR,
    Role.ADMIN_MPP,
    Role.PETUGAS_LOKET,
    Role.PETUGAS_INSTANSI,
    Role.CAMAT,
    Role.OPERATOR_KECAMATAN,
    Role.OPERATOR_DESA,
    Role.KEPALA_DESA,
)
SHOWN_PLACE = ("muncar", "sumberberas", "dispendukcapil")


class Command(BaseCommand):
    help = "Create a fresh demo database for Kabupaten Banyuwangi and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--residents", type=int, help="residents in all (default 20/village)")
        parser.add_argument("--seed", type=int, default=2026, help="same seed, same residents")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="build only")
        parser.add_argument(
            "--force", action="store_true", help="empty a database that is not the demo's file"
        )
        parser.add_argument(
            "--regions",
            action="append",
            default=[],
            metavar="CODE",
            help="load only these region subtrees (default: all of Indonesia)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["residents"] is not None and options["residents"] < 0:
            raise CommandError("--residents must be 0 or more")
        try:
            result = demo_build(
                residents_total=options["residents"],
                seed=options["seed"],
                force=options["force"],
                region_prefixes=options["regions"],
                say=lambda line: self.stderr.write(line),
            )
        except DemoRefused as exc:
            raise CommandError(str(exc)) from None
        self._print_logins(result.accounts, options["port"])
        self._print_journeys(result, options["port"])
        if not options["no_serve"]:
            # The server this command starts is the demo's: messages go to the demo inbox.
            settings.DEMO_MODE = True
            os.environ["BALAI_DEMO"] = "1"
            call_command("serve", port=options["port"])

    def _print_logins(self, accounts, port: int) -> None:
        base = f"http://127.0.0.1:{port}"
        rows = [(f"{base}{reverse('admin:index')}", "admin", "superuser", "semua")]
        for role in KEY_ROLES:
            mine = [a for a in accounts if a.role == role]
            pick = next((a for a in mine if a.username.endswith(SHOWN_PLACE)), None)
            pick = pick or (mine[0] if mine else None)
            if pick:
                rows.append((f"{base}{reverse('accounts:login')}", pick.username, role, pick.scope))
        width = [max(len(r[i]) for r in rows) for i in range(4)]
        line = "  ".join(f"{{:<{w}}}" for w in (width[0], width[1], 10 + 8, width[3]))
        out = self.stdout
        out.write("")
        out.write(f"Balai demo is ready. Password for every account: {PASSWORD}")
        out.write("")
        out.write(line.format("URL", "username", "role", "scope"))
        for url, username, role, scope in rows:
            out.write(line.format(url, username, role, scope))
        out.write("")
        out.write("Every other account follows the same names (password as above):")
        out.write("  op.<desa> and kades.<desa>         every village (op.sumberberas)")
        out.write("  opkec.<kecamatan>, camat.<kecamatan>  every district (camat.muncar)")
        out.write("  petugas.<instansi>                 every MPP agency (petugas.bpn)")
        out.write("  a name shared by two villages gets its kecamatan: op.<desa>.<kecamatan>")
        out.write(f"  {len(accounts) + 1} accounts in all")

    def _print_journeys(self, result, port: int) -> None:
        """Where a newcomer starts each journey: the page, and who to sign in as."""
        base = f"http://127.0.0.1:{port}"
        out = self.stdout
        mpp = next((q for q in result.queues if q.startswith("mpp-")), "")
        village_point = next((q for q in result.queues if q.startswith("kantor-desa-")), "")
        out.write("")
        out.write("Where to start:")
        steps = [
            ("village letter", f"{base}/permohonan/", "op.sumberberas, then kades.sumberberas"),
            ("MPP ticket", f"{base}/antrian/{mpp}/ambil/", "no login (kiosk or front desk)"),
            ("MPP counter", f"{base}/antrian/loket/", "mpp.loket (counter 1, Dispendukcapil)"),
            ("MPP board", f"{base}/antrian/papan/{mpp}/", "no login"),
            ("village queue", f"{base}/antrian/{village_point}/ambil/", "loket.sumberberas"),
            ("outreach day", f"{base}/jemput-bola/", "admin.banyuwangi"),
            ("dashboards", f"{base}/dasbor/", "admin.banyuwangi or camat.muncar"),
            ("demo inbox", f"{base}/notifikasi/demo/", "no login: every WhatsApp/SMS/e-mail"),
            ("citizen sign-in", f"{base}/warga/masuk/", "NIK below, PIN " + CITIZEN_PIN),
            ("API", f"{base}/api/v1/docs", "balai token create --user admin.banyuwangi --name x"),
        ]
        if result.kiosk_token:
            steps.append(("kiosk", f"{base}/anjungan/pasang/", f"token {result.kiosk_token}"))
        width = max(len(s[0]) for s in steps)
        for what, url, who in steps:
            out.write(f"  {what:<{width}}  {url}  ({who})")
        if result.citizens:
            out.write("")
            out.write(f"Citizens who can sign in online (PIN {CITIZEN_PIN}; codes in the inbox):")
            for c in result.citizens:
                out.write(f"  NIK {c.nik}  {c.name}  {c.phone}")
