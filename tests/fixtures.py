"""Factories as fixtures. Real rows through real code; no mocks of Balai itself."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from pathlib import Path

import pytest

from balai.regions.services import DATA_FILE, read_rows

# Two neighbouring regencies: Banyuwangi (the demo) and Jember (always out of a Banyuwangi
# staff member's scope).
TEST_REGENCIES = ("35.10", "35.09")
VILLAGE = "35.10.05.2001"  # Sumberberas, Muncar
OTHER_VILLAGE = "35.10.05.2002"  # Kedungrejo, Muncar (same district)
OTHER_DISTRICT_VILLAGE = "35.10.01.2001"  # Sarongan, Pesanggaran
OTHER_REGENCY_VILLAGE = "35.09.01.2001"
PASSWORD = "Rahasia-Balai-2026"

_serial = itertools.count(1)


@pytest.fixture(scope="session")
def region_subset_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("regions") / "subset.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=["code", "name", "level"])
        writer.writeheader()
        for row in read_rows(DATA_FILE):
            code = row["code"]
            if code == "35" or any(code == p or code.startswith(p + ".") for p in TEST_REGENCIES):
                writer.writerow(row)
    return path


@pytest.fixture
def regions(db, region_subset_file: Path):
    """Jawa Timur, Banyuwangi and Jember with all their districts and villages."""
    from balai.regions.models import Region
    from balai.regions.services import load_regions

    if not Region.objects.filter(code="35.09").exists():
        load_regions(path=region_subset_file)
    return Region.objects


def make_nik(district_code: str, birth_date: dt.date, sex: str, serial: int | None = None) -> str:
    """A NIK as Dukcapil writes it: district, birth date (+40 on the day for women), serial."""
    day = birth_date.day + (40 if sex == "P" else 0)
    if serial is None:
        serial = next(_serial) % 9999 + 1
    return f"{district_code.replace('.', '')}{day:02d}{birth_date:%m%y}{serial:04d}"


@pytest.fixture
def make_resident(regions):
    from balai.people.models import Resident

    def make(village: str = VILLAGE, **fields) -> Resident:
        birth_date = fields.pop("birth_date", dt.date(1985, 6, 4))
        sex = fields.pop("sex", "L")
        district = ".".join(village.split(".")[:3])
        defaults = dict(
            regency_code=".".join(village.split(".")[:2]),
            nik=make_nik(district, birth_date, sex),
            name="Budi Santoso",
            birth_place="Banyuwangi",
            birth_date=birth_date,
            sex=sex,
            religion="islam",
            marital_status="kawin_tercatat",
            education="sma",
            occupation="Nelayan",
            village_id=village,
            dusun="Krajan",
            rt="001",
            rw="002",
            address="Jl. Raya Muncar 1",
            phone="081234567890",
        )
        defaults.update(fields)
        return Resident.objects.create(**defaults)

    return make


@pytest.fixture
def make_agency(regions):
    from balai.catalog.models import Agency

    def make(code: str = "dispendukcapil", **fields) -> Agency:
        defaults = dict(
            kind="regency_office",
            name="Dinas Kependudukan dan Pencatatan Sipil",
            short_name="Dispendukcapil",
            region_id="35.10",
            is_mpp_tenant=True,
        )
        defaults.update(fields)
        return Agency.objects.create(code=code, **defaults)

    return make


@pytest.fixture
def make_service_point(regions):
    from balai.catalog.models import ServicePoint

    def make(code: str = "mpp-banyuwangi", **fields) -> ServicePoint:
        defaults = dict(kind="mpp", name="Mal Pelayanan Publik Banyuwangi", region_id="35.10")
        defaults.update(fields)
        return ServicePoint.objects.create(code=code, **defaults)

    return make


@pytest.fixture
def make_staff(regions):
    from balai.accounts.models import StaffRole, User

    counter = itertools.count(1)

    def make(role: str, *, region=None, agency=None, service_point=None, username=None, **fields):
        username = username or f"{role}{next(counter)}"
        user = User.objects.create_user(username=username, password=PASSWORD, **fields)
        assignment = StaffRole(
            user=user, role=role, region_id=region, agency=agency, service_point=service_point
        )
        assignment.full_clean(exclude=["user"])
        assignment.save()
        return user

    return make
