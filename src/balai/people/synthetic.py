"""Synthetic residents for tests, benchmarks and demos: deterministic, realistic enough.

Rows come out in the resident import's own column set (`people.columns.COLUMNS`), family by
family, so `rows_write_csv(generate_rows(...))` is a file `balai import-residents` accepts.
Names are common Javanese, Osing and Madurese names; ages and household shapes are plausible;
occupations follow the place: fishermen (nelayan) on the coast — Muncar above all — and
plantation workers in Kalibaru and Glenmore. The NIKs are well-formed but belong to nobody.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

from balai.people.columns import COLUMNS
from balai.people.nik import kk_compose, nik_compose

MEN = [
    "Ahmad",
    "Agus",
    "Bambang",
    "Budi",
    "Dwi",
    "Eko",
    "Fajar",
    "Hadi",
    "Hendra",
    "Imam",
    "Joko",
    "Kusnadi",
    "Lukman",
    "Mochammad",
    "Nur",
    "Puji",
    "Rudi",
    "Slamet",
    "Sugeng",
    "Supriyadi",
    "Suparman",
    "Taufik",
    "Wahyu",
    "Yanto",
    "Yusuf",
    "Zainal",
    "Arif",
    "Bagus",
    "Dimas",
    "Gatot",
    "Haryono",
    "Iwan",
    "Rahmat",
    "Samsul",
    "Sutrisno",
    "Teguh",
    "Untung",
    "Wawan",
]
WOMEN = [
    "Siti",
    "Sri",
    "Dewi",
    "Endang",
    "Fitri",
    "Hartini",
    "Indah",
    "Kartini",
    "Lestari",
    "Mariyam",
    "Nur",
    "Puji",
    "Rina",
    "Sulastri",
    "Suwarni",
    "Tri",
    "Umi",
    "Wahyuni",
    "Yuliana",
    "Anik",
    "Ayu",
    "Dian",
    "Erna",
    "Ika",
    "Khotijah",
    "Lilis",
    "Munawaroh",
    "Ningsih",
    "Rahayu",
    "Rukmini",
    "Sumiati",
    "Susanti",
    "Tutik",
    "Winarti",
]
FAMILY_NAMES = [
    "Santoso",
    "Wijaya",
    "Hidayat",
    "Prasetyo",
    "Setiawan",
    "Susanto",
    "Kurniawan",
    "Rahman",
    "Hasan",
    "Syaifuddin",
    "Wibowo",
    "Utomo",
    "Purnomo",
    "Saputra",
    "Hakim",
    "Fauzi",
    "Maulana",
    "Hariyanto",
    "Sholeh",
    "Ma'ruf",
]
PLACES = ("Banyuwangi", "Jember", "Situbondo", "Bondowoso", "Surabaya", "Denpasar", "Malang")
COASTAL = {"35.10.05": 0.55, "35.10.01": 0.25, "35.10.04": 0.2, "35.10.18": 0.2, "35.10.21": 0.2}
PLANTATION = {"35.10.11": 0.5, "35.10.10": 0.5, "35.10.19": 0.3, "35.10.24": 0.3}
OTHER_WORK = (
    ("Petani/pekebun", 18),
    ("Buruh harian lepas", 14),
    ("Wiraswasta", 14),
    ("Pedagang", 10),
    ("Karyawan swasta", 10),
    ("Buruh tani/perkebunan", 6),
    ("Guru", 3),
    ("Perangkat desa", 1),
    ("Pegawai negeri sipil", 2),
    ("Sopir", 3),
)
EDUCATION = ("TAMAT SD/SEDERAJAT", "SLTP/SEDERAJAT", "SLTA/SEDERAJAT", "DIPLOMA IV/STRATA I")
EDUCATION_WEIGHTS = (35, 25, 30, 10)
RELIGIONS = (("ISLAM", 94), ("HINDU", 2), ("KRISTEN", 2), ("KATOLIK", 1), ("KEPERCAYAAN", 1))
BLOOD = ("A", "B", "AB", "O", "-")
DISABILITIES = ("Tuna netra", "Tuna rungu", "Tuna daksa", "Disabilitas mental")
REFERENCE_DAY = dt.date(2026, 1, 1)  # ages are drawn against a fixed day: output never drifts


class _Serials:
    """Next serial for a NIK or KK prefix, so generated numbers never repeat."""

    def __init__(self) -> None:
        self._next: dict[tuple, int] = {}

    def take(self, key: tuple) -> int:
        n = self._next.get(key, 1)
        self._next[key] = n + 1
        return n


def _occupation(rng: random.Random, district: str, age: int, sex: str) -> str:
    if age < 18:
        return "Pelajar/mahasiswa"
    if age >= 70 and rng.random() < 0.6:
        return "Tidak bekerja"
    if sex == "P" and rng.random() < 0.45:
        return "Mengurus rumah tangga"
    if rng.random() < COASTAL.get(district, 0.0):
        return rng.choice(("Nelayan", "Nelayan", "Buruh nelayan"))
    if rng.random() < PLANTATION.get(district, 0.0):
        return rng.choice(("Buruh perkebunan", "Pekebun", "Petani/pekebun"))
    names, weights = zip(*OTHER_WORK, strict=True)
    return rng.choices(names, weights)[0]


def _birth(rng: random.Random, min_age: int, max_age: int) -> dt.date:
    age_days = rng.randint(min_age * 365 + 1, max_age * 365 + 300)
    return REFERENCE_DAY - dt.timedelta(days=age_days)


def _person(rng, serials, *, village, sex, birth, family_name, kk, relationship, marital):
    district = village.rsplit(".", 1)[0]
    serial = serials.take((district, birth, sex))
    age = (REFERENCE_DAY - birth).days // 365
    given = rng.choice(MEN if sex == "L" else WOMEN)
    religions, weights = zip(*RELIGIONS, strict=True)
    return {
        "nik": nik_compose(district_code=district, birth_date=birth, sex=sex, serial=serial),
        "nama": f"{given} {family_name}".upper(),
        "tempat_lahir": rng.choice(PLACES) if rng.random() < 0.2 else "Banyuwangi",
        "tanggal_lahir": birth.isoformat(),
        "jenis_kelamin": "LAKI-LAKI" if sex == "L" else "PEREMPUAN",
        "agama": rng.choices(religions, weights)[0],
        "status_perkawinan": marital,
        "pendidikan": "BELUM TAMAT SD/SEDERAJAT"
        if age < 13
        else rng.choices(EDUCATION, EDUCATION_WEIGHTS)[0],
        "pekerjaan": _occupation(rng, district, age, sex),
        "golongan_darah": rng.choice(BLOOD),
        "disabilitas": rng.choice(DISABILITIES) if rng.random() < 0.02 else "",
        "kode_desa": village,
        "no_kk": kk,
        "hubungan": relationship,
        "status": "HIDUP",
    }


def _family(rng: random.Random, serials: _Serials, village: str) -> list[dict[str, str]]:
    district = village.rsplit(".", 1)[0]
    recorded = REFERENCE_DAY - dt.timedelta(days=rng.randint(30, 15 * 365))
    kk = kk_compose(
        district_code=district,
        recorded_on=recorded,
        serial=serials.take(("kk", district, recorded)),
    )
    family_name = rng.choice(FAMILY_NAMES)
    common = {
        "dusun": rng.choice(("Krajan", "Kebonrejo", "Sumberrejo", "Tegalrejo", "Pantai")),
        "rt": f"{rng.randint(1, 12):03d}",
        "rw": f"{rng.randint(1, 6):03d}",
        "telepon": f"08{rng.randint(100000000, 9999999999)}",
    }
    common["alamat"] = f"Dusun {common['dusun']} RT {common['rt']} RW {common['rw']}"
    head_sex = "L" if rng.random() < 0.85 else "P"
    head_birth = _birth(rng, 22, 80)
    married = head_sex == "L" and rng.random() < 0.85
    people = [
        _person(rng, serials, village=village, sex=head_sex, birth=head_birth,
                family_name=family_name, kk=kk, relationship="KEPALA KELUARGA",
                marital="KAWIN" if married else rng.choice(("CERAI MATI", "BELUM KAWIN")))
    ]  # fmt: skip
    head_age = (REFERENCE_DAY - head_birth).days // 365
    if married:
        wife_age = max(18, head_age - rng.randint(0, 8))
        people.append(
            _person(rng, serials, village=village, sex="P", birth=_birth(rng, wife_age, wife_age),
                    family_name=family_name, kk=kk, relationship="ISTRI", marital="KAWIN")
        )  # fmt: skip
    for _ in range(rng.choice((0, 1, 1, 2, 2, 2, 3, 3, 4)) if head_age < 65 else 0):
        child_age = rng.randint(0, max(0, min(30, head_age - 20)))
        people.append(
            _person(rng, serials, village=village, sex=rng.choice("LP"),
                    birth=_birth(rng, child_age, child_age), family_name=family_name, kk=kk,
                    relationship="ANAK", marital="BELUM KAWIN")
        )  # fmt: skip
    return [{**p, **common} for p in people]


def generate_rows(villages: list[str], n: int, seed: int) -> Iterator[dict[str, str]]:
    """`n` resident rows spread over `villages`, whole families at a time, the same every run."""
    if not villages:
        raise ValueError("at least one village is needed")
    rng = random.Random(seed)
    serials = _Serials()
    produced = 0
    while produced < n:
        for row in _family(rng, serials, rng.choice(villages)):
            if produced == n:
                return
            produced += 1
            yield row


def rows_write_csv(rows: Iterable[dict[str, str]], path: Path, *, delimiter: str = ",") -> int:
    """Write rows with the import's header; returns how many were written."""
    count = 0
    with Path(path).open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter=delimiter, restval="")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count
