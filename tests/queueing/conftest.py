"""A small MPP: two agencies, their categories A and B, three counters and their staff."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest


@dataclass
class Mpp:
    point: Any
    dukcapil: Any
    samsat: Any
    ktp: Any
    kk: Any
    pajak: Any
    prefix_a: Any
    prefix_b: Any
    counter1: Any
    counter2: Any
    counter3: Any
    officer: Any
    officer2: Any
    officer3: Any
    manager: Any


def _staff(role: str, point: Any, username: str) -> Any:
    """Staff without a password: pages sign them in with force_login, and hashing five
    argon2 passwords per test would be most of its set-up time."""
    from balai.accounts.models import StaffRole, User

    user = User.objects.create(username=username)
    assignment = StaffRole(user=user, role=role, service_point=point)
    assignment.full_clean(exclude=["user"])
    assignment.save()
    return user


@pytest.fixture
def mpp(make_agency, make_service_point) -> Mpp:
    from balai.catalog.models import Service
    from balai.queueing.models import Counter, QueuePrefix, Zone

    point = make_service_point()
    dukcapil = make_agency()
    samsat = make_agency("samsat", name="Samsat Banyuwangi", short_name="Samsat")
    point.agencies.add(dukcapil, samsat)

    def service(code: str, name: str, agency: Any) -> Any:
        return Service.objects.create(code=code, name=name, agency=agency, status="published")

    ktp = service("ktp-el", "KTP elektronik", dukcapil)
    kk = service("kartu-keluarga", "Kartu Keluarga", dukcapil)
    pajak = service("pajak-kendaraan", "Pajak kendaraan tahunan", samsat)
    prefix_a = QueuePrefix.objects.create(
        service_point=point, letter="A", name="Dispendukcapil", agency=dukcapil
    )
    prefix_b = QueuePrefix.objects.create(
        service_point=point, letter="B", name="Samsat", agency=samsat
    )
    floor1 = Zone.objects.create(service_point=point, name="Lantai 1", floor=1)

    def counter(number: int, agency: Any) -> Any:
        return Counter.objects.create(
            service_point=point,
            region_code=point.region_id,
            zone=floor1,
            number=number,
            agency=agency,
        )

    return Mpp(
        point=point,
        dukcapil=dukcapil,
        samsat=samsat,
        ktp=ktp,
        kk=kk,
        pajak=pajak,
        prefix_a=prefix_a,
        prefix_b=prefix_b,
        counter1=counter(1, dukcapil),
        counter2=counter(2, dukcapil),
        counter3=counter(3, samsat),
        officer=_staff("petugas_loket", point, "loket-a"),
        officer2=_staff("petugas_loket", point, "loket-b"),
        officer3=_staff("petugas_loket", point, "loket-c"),
        manager=_staff("admin_mpp", point, "admin-mpp"),
    )
