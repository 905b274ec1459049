"""Setting a queue up by the names people know: the point's code, the agency's code and the
officer's username, never a raw database id. Each call is one transaction with one audit
event; running it again with the same names changes nothing twice (it updates in place).

`actor` is the staff member doing it, checked against `queueing.manage` on the point; None
is the operator at the command line (`balai queue setup`), who already holds the server."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from balai.accounts.models import StaffRole, User
from balai.accounts.permissions import can
from balai.accounts.roles import Role
from balai.audit.services import audit_record
from balai.catalog.models import Agency, ServicePoint
from balai.queueing.choices import PriorityClass, PriorityMode
from balai.queueing.errors import QueueError
from balai.queueing.models import Counter, PriorityPolicy, QueuePrefix


@dataclass(frozen=True)
class CategorySpec:
    letter: str
    name: str
    agency: str = ""  # agency code; empty: the office's own services (a village office)


@dataclass(frozen=True)
class CounterSpec:
    number: int
    label: str = ""
    agency: str = ""
    officer: str = ""  # username given petugas_loket at the point


def _check(actor: Any, point: ServicePoint) -> None:
    if actor is not None and not can(actor, "queueing.manage", point):
        raise QueueError(403, "forbidden", _("Anda tidak berwenang mengatur antrean di sini."))


def point_by_code(code: str) -> ServicePoint:
    point = ServicePoint.objects.filter(code=code).first()
    if point is None:
        raise QueueError(
            404, "unknown_point", _("Tempat layanan %(code)s tidak ada.") % {"code": code}
        )
    return point


def _agency(point: ServicePoint, code: str) -> Agency | None:
    if not code:
        return None
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise QueueError(400, "unknown_agency", _("Instansi %(code)s tidak ada.") % {"code": code})
    if point.kind != "village_office" and not point.agencies.filter(pk=agency.pk).exists():
        raise QueueError(
            400,
            "agency_not_at_point",
            _("Instansi %(code)s tidak melayani di %(point)s.")
            % {"code": code, "point": point.name},
        )
    return agency


def _officer(point: ServicePoint, username: str) -> User | None:
    if not username:
        return None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise QueueError(
            400, "unknown_user", _("Pengguna %(name)s tidak ada.") % {"name": username}
        )
    # The counter console only lists counters in the officer's scope: give them the point.
    StaffRole.objects.get_or_create(user=user, role=Role.PETUGAS_LOKET, service_point=point)
    return user


def queue_setup(
    *,
    actor: Any,
    point: ServicePoint,
    categories: Sequence[CategorySpec] = (),
    counters: Sequence[CounterSpec] = (),
) -> tuple[list[QueuePrefix], list[Counter]]:
    """Create or update ticket categories and counters of one point, by letter and number."""
    _check(actor, point)
    prefixes: list[QueuePrefix] = []
    made: list[Counter] = []
    with transaction.atomic():
        for spec in categories:
            letter = spec.letter.strip().upper()
            if not (1 <= len(letter) <= 2 and letter.isalpha()):
                raise QueueError(
                    400, "invalid_letter", _("Huruf kategori harus satu atau dua huruf.")
                )
            prefix, _created = QueuePrefix.objects.update_or_create(
                service_point=point,
                letter=letter,
                defaults={"name": spec.name, "agency": _agency(point, spec.agency)},
            )
            prefixes.append(prefix)
        for spec in counters:
            if spec.number < 1:
                raise QueueError(400, "invalid_number", _("Nomor loket mulai dari 1."))
            counter, _created = Counter.objects.update_or_create(
                service_point=point,
                number=spec.number,
                defaults={
                    "label": spec.label,
                    "agency": _agency(point, spec.agency),
                    "region_code": point.region_id,
                },
            )
            _officer(point, spec.officer)
            made.append(counter)
        audit_record(
            actor=actor,
            action="queueing.setup",
            obj=point,
            region_code=point.region_id,
            after={
                "categories": [f"{p.letter}:{p.agency_id or ''}" for p in prefixes],
                "counters": [c.number for c in made],
            },
        )
    return prefixes, made


def priority_policy_set(
    *,
    actor: Any,
    point: ServicePoint,
    classes: Sequence[str],
    mode: str = PriorityMode.EVERY_NTH,
    every_nth: int = 3,
    max_wait_minutes: int = 60,
) -> PriorityPolicy:
    """Which classes the point serves first. Pelayanan publik must give lansia, disabilitas
    and ibu hamil special treatment (UU 25/2009 Pasal 29; PermenPAN-RB 15/2014 on service
    standards): here as data, read by call-next."""
    _check(actor, point)
    unknown = [c for c in classes if c not in PriorityClass.values or not c]
    if unknown:
        raise QueueError(400, "invalid_priority_class", _("Kelas prioritas tidak dikenal."))
    if mode not in PriorityMode.values:
        raise QueueError(400, "invalid_mode", _("Cara prioritas tidak dikenal."))
    if every_nth < 1 or max_wait_minutes < 1:
        raise QueueError(400, "invalid_number", _("Angka kebijakan harus 1 atau lebih."))
    with transaction.atomic():
        policy, _created = PriorityPolicy.objects.update_or_create(
            service_point=point,
            defaults={
                "classes": list(classes),
                "mode": mode,
                "every_nth": every_nth,
                "max_wait_minutes": max_wait_minutes,
            },
        )
        audit_record(
            actor=actor,
            action="queueing.priority_policy_set",
            obj=policy,
            region_code=point.region_id,
            after={"classes": list(classes), "mode": mode, "every_nth": every_nth},
        )
    return policy
