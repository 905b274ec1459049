"""One staff account for every role and place of the demo regency, named so a visitor can guess
them: op.<desa>, kades.<desa>, opkec.<kecamatan>, camat.<kecamatan>, petugas.<instansi>."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from balai.accounts.models import StaffRole, User
from balai.accounts.roles import ADMIN_SITE_ROLES, Role
from balai.audit.services import audit_record
from balai.catalog.choices import ServicePointKind
from balai.catalog.models import Agency, ServicePoint
from balai.regions.choices import Level
from balai.regions.models import Region

PASSWORD = "Balai-Demo-2026"  # noqa: S105 - the demo's published password, printed on start


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    scope: str
    region: str | None = None
    agency: Agency | None = None
    service_point: ServicePoint | None = None


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.casefold())


def _place_slugs(places: Iterable[Region]) -> dict[str, str]:
    """A slug per region; names that repeat in the regency get their kecamatan added."""
    places = list(places)
    counts = Counter(slug(p.name) for p in places)
    districts = {
        r.code: slug(r.name)
        for r in Region.objects.filter(code__in={p.code[:8] for p in places}).only("name")
    }
    return {
        p.code: slug(p.name)
        if counts[slug(p.name)] == 1
        else f"{slug(p.name)}.{districts.get(p.code[:8], p.code[-4:])}"
        for p in places
    }


def demo_accounts(*, regency: Region) -> list[DemoAccount]:
    """Every account the demo creates, in a fixed order."""
    subtree = Region.objects.filter(code__startswith=regency.code + ".").order_by("code")
    districts = list(subtree.filter(level=Level.DISTRICT))
    villages = list(subtree.filter(level=Level.VILLAGE))
    place = _place_slugs(districts) | _place_slugs(villages)
    key = slug(regency.name.removeprefix("KAB. ").removeprefix("Kabupaten "))
    accounts = [
        DemoAccount(
            f"admin.{key}",
            f"Admin {regency.name}",
            Role.ADMIN_KABUPATEN,
            regency.name,
            region=regency.code,
        ),
        DemoAccount(
            f"auditor.{key}",
            f"Auditor {regency.name}",
            Role.AUDITOR,
            regency.name,
            region=regency.code,
        ),
    ]
    for d in districts:
        accounts.append(
            DemoAccount(
                f"opkec.{place[d.code]}",
                f"Operator Kec. {d.name}",
                Role.OPERATOR_KECAMATAN,
                f"Kec. {d.name}",
                region=d.code,
            )
        )
        accounts.append(
            DemoAccount(
                f"camat.{place[d.code]}",
                f"Camat {d.name}",
                Role.CAMAT,
                f"Kec. {d.name}",
                region=d.code,
            )
        )
    for v in villages:
        accounts.append(
            DemoAccount(
                f"op.{place[v.code]}",
                f"Operator {v.name}",
                Role.OPERATOR_DESA,
                v.name,
                region=v.code,
            )
        )
        accounts.append(
            DemoAccount(
                f"kades.{place[v.code]}",
                f"Kepala {v.name}",
                Role.KEPALA_DESA,
                v.name,
                region=v.code,
            )
        )
    mpp = (
        ServicePoint.objects.filter(
            kind=ServicePointKind.MPP, region__code__startswith=regency.code
        )
        .order_by("code")
        .first()
    )
    if mpp is not None:
        accounts.append(
            DemoAccount("mpp.admin", "Admin MPP", Role.ADMIN_MPP, mpp.name, service_point=mpp)
        )
        accounts.append(
            DemoAccount(
                "mpp.loket", "Petugas Loket MPP", Role.PETUGAS_LOKET, mpp.name, service_point=mpp
            )
        )
        for agency in mpp.agencies.order_by("code"):
            accounts.append(
                DemoAccount(
                    f"petugas.{agency.code}",
                    f"Petugas {agency}",
                    Role.PETUGAS_INSTANSI,
                    str(agency),
                    agency=agency,
                )
            )
            # The head signs what the officer completes (workflows.yaml `sign`).
            accounts.append(
                DemoAccount(
                    f"kepala.{agency.code}",
                    f"Kepala {agency}",
                    Role.KEPALA_INSTANSI,
                    str(agency),
                    agency=agency,
                )
            )
    return accounts


def demo_staff_create(*, regency: Region, password: str = PASSWORD) -> list[DemoAccount]:
    """The accounts and the superuser `admin`, all with one password hashed once: argon2 is
    slow on purpose, and hundreds of hashes of the same password would take minutes."""
    accounts = demo_accounts(regency=regency)
    encoded = make_password(password)
    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                User(
                    username=a.username,
                    full_name=a.full_name,
                    password=encoded,
                    is_staff=a.role in ADMIN_SITE_ROLES,
                )
                for a in accounts
            ]
            + [
                User(
                    username="admin",
                    full_name="Administrator",
                    password=encoded,
                    is_staff=True,
                    is_superuser=True,
                )
            ]
        )
        StaffRole.objects.bulk_create(
            [
                StaffRole(
                    user=user,
                    role=a.role,
                    region_id=a.region,
                    agency=a.agency,
                    service_point=a.service_point,
                )
                for user, a in zip(users, accounts, strict=False)
            ]
        )
        audit_record(
            actor=None,
            action="demo.staff_created",
            object_type="accounts.user",
            region_code=regency.code,
            after={"accounts": len(accounts) + 1, "roles": dict(Counter(a.role for a in accounts))},
        )
    return accounts
