"""An outreach day end to end: a 1,200-row XLSX with bad rows, the batch to OSS with faults,
signed NIB documents, and a second import that issues nothing twice."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from balai.documents.models import Document
from balai.licensing.choices import RegistrationStatus
from balai.licensing.models import BusinessRegistration
from balai.outreach.services import batch_run, batch_start, import_xlsx, intake_register
from tests.fixtures import VILLAGE, make_nik
from tests.outreach.conftest import xlsx_bytes

FIRST = ["Siti", "Sri", "Budi", "Agus", "Wahyu", "Dewi", "Slamet", "Yuli", "Hadi", "Rina"]
LAST = ["Aminah", "Rahayu", "Santoso", "Wibowo", "Lestari", "Hidayat", "Susanti", "Purnomo"]
KINDS = [
    ("Warung", "56102"),
    ("Kerupuk", "10794"),
    ("Kue", "10792"),
    ("Tempe", "10391"),
    ("Kedai Kopi", "56303"),
    ("Vermak", "95291"),
    ("Ayam Petelur", "01462"),
    ("Nelayan", "03111"),
]


def _residents(n: int):
    """Demo-like residents of Sumberberas (Muncar), bulk-written as an import would."""
    from balai.people.models import Resident

    rng = random.Random(7)
    rows = []
    for i in range(n):
        sex = rng.choice("LP")
        born = dt.date(1960 + rng.randrange(40), rng.randrange(1, 13), rng.randrange(1, 28))
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        rows.append(
            Resident(
                regency_code="35.10",
                nik=make_nik("35.10.05", born, sex, serial=i + 1),
                name=name,
                name_key=name.lower(),
                birth_place="Banyuwangi",
                birth_date=born,
                sex=sex,
                religion="islam",
                marital_status="kawin_tercatat",
                education="sma",
                occupation="Wiraswasta",
                village_id=VILLAGE,
                address=f"Dusun Krajan RT {i % 9 + 1:03d}",
            )
        )
    return Resident.objects.bulk_create(rows)


def _sheet_rows(residents, bad_every: int = 33):
    """One business per resident; about 3% of the rows are broken, each a different way."""
    rows, bad_lines = [], {}
    breakers = [
        ("nik", lambda r: r.__setitem__(0, r[0][:15]), "length"),
        ("nik", lambda r: r.__setitem__(0, "3510056501990999"), "resident_unknown"),
        ("kbli", lambda r: r.__setitem__(2, "99999"), "kbli_unknown"),
        ("nama_usaha", lambda r: r.__setitem__(1, ""), "required"),
        ("modal", lambda r: r.__setitem__(5, 7_000_000_000), "scale"),
        ("kode_desa", lambda r: r.__setitem__(4, "35.10.99.9999"), "village_unknown"),
    ]
    for i, resident in enumerate(residents):
        kind, code = KINDS[i % len(KINDS)]
        row = [
            resident.nik,
            f"{kind} {resident.name.split()[0]} {i}",
            code,
            resident.address,
            VILLAGE,
            5_000_000 + (i % 50) * 1_000_000,
            1 + i % 4,
        ]
        if i % bad_every == bad_every - 1:
            column, breaker, expected = breakers[(i // bad_every) % len(breakers)]
            breaker(row)
            bad_lines[i + 2] = (column, expected)
        rows.append(row)
    return rows, bad_lines


# The day's database is PostgreSQL: the 1,200 rows run once there, not again on SQLite.
@pytest.mark.slow
@pytest.mark.postgres
def test_1200_rows_every_valid_row_gets_a_signed_nib_and_a_reimport_issues_nothing(
    event, officer, gateway, sandbox
):
    from balai.documents.verification import pdf_verify

    residents = _residents(1200)
    rows, bad_lines = _sheet_rows(residents)
    assert 30 <= len(bad_lines) <= 40  # about 3%

    run = import_xlsx(actor=officer, event=event, file=xlsx_bytes(rows), file_name="hari-h.xlsx")
    assert run.rows == 1200 and run.bad == len(bad_lines)
    assert run.created == 1200 - len(bad_lines)
    reported = {(r["line"], r["column"], r["code"]) for r in run.report}
    for line, (column, code) in bad_lines.items():
        assert (line, column, code) in reported, (line, column, code)
    assert {r["line"] for r in run.report} == set(bad_lines)

    # Faults in the middle of the batch: one registration keeps failing past its tries.
    sandbox.configure(queue=["ok"] * 500 + ["fail", "timeout", "fail"])
    first = batch_run(
        actor=officer, batch=batch_start(actor=officer, event=event), gateway=gateway, workers=2
    )
    valid = 1200 - len(bad_lines)
    registrations = BusinessRegistration.objects.filter(outreach_item__event=event)
    assert first.issued + first.retry == valid and first.retry == 1
    assert registrations.filter(status=RegistrationStatus.RETRY, nib__isnull=False).count() == 0
    assert first.documents == first.issued
    second = batch_run(
        actor=officer, batch=batch_start(actor=officer, event=event), gateway=gateway
    )
    assert second.total == 1 and second.issued == 1 and second.documents == 1
    assert registrations.filter(status=RegistrationStatus.ISSUED).count() == valid
    nibs = list(registrations.values_list("nib", flat=True))
    assert len(set(nibs)) == valid and sandbox.stats()["issued"] == valid
    documents = Document.objects.filter(document_type__code="nib")
    assert documents.count() == valid
    assert registrations.filter(document=None).count() == 0
    sample = registrations.select_related("document").order_by("?").first()
    check = pdf_verify(sample.document.file.read())
    assert check["valid"], check
    assert first.merged_paths and second.merged_paths

    again = import_xlsx(actor=officer, event=event, file=xlsx_bytes(rows), file_name="hari-h.xlsx")
    assert again.created == 0 and again.unchanged == valid and again.bad == len(bad_lines)
    third = batch_run(actor=officer, batch=batch_start(actor=officer, event=event), gateway=gateway)
    assert third.total == 0 and third.documents == 0
    assert documents.count() == valid and sandbox.stats()["issued"] == valid


def test_faults_mid_batch_end_issued_or_marked_for_retry_and_never_twice(
    event, officer, gateway, sandbox
):
    residents = _residents(60)
    rows, _bad = _sheet_rows(residents, bad_every=10_000)
    import_xlsx(actor=officer, event=event, file=xlsx_bytes(rows), file_name="a.xlsx")
    sandbox.configure(fail_ratio=0.2, timeout_ratio=0.15, seed=3)
    first = batch_run(
        actor=officer,
        batch=batch_start(actor=officer, event=event),
        gateway=gateway,
        tries=2,
        workers=1,
    )
    registrations = BusinessRegistration.objects.filter(outreach_item__event=event)
    statuses = set(registrations.values_list("status", flat=True))
    assert statuses <= {RegistrationStatus.ISSUED, RegistrationStatus.RETRY}
    assert first.retry == registrations.filter(status=RegistrationStatus.RETRY).count() > 0
    assert registrations.filter(status=RegistrationStatus.RETRY, nib__isnull=False).count() == 0
    assert first.documents == registrations.filter(status=RegistrationStatus.ISSUED).count()

    sandbox.configure(fail_ratio=0.0, timeout_ratio=0.0)
    second = batch_run(
        actor=officer, batch=batch_start(actor=officer, event=event), gateway=gateway
    )
    assert second.total == first.retry
    assert registrations.filter(status=RegistrationStatus.ISSUED).count() == 60
    # One NIB per registration, and it is the one OSS holds for that registration's key.
    held = {key: entry["nib"] for key, entry in sandbox.issued.items()}
    assert len(held) == 60 == len(set(held.values()))
    for key, nib in registrations.values_list("idempotency_key", "nib"):
        assert held[str(key)] == nib
    assert Document.objects.filter(document_type__code="nib").count() == 60


def test_intake_twice_is_one_registration(event, officer, make_resident, kbli):
    resident = make_resident()
    data = {
        "nik": resident.nik,
        "nama_usaha": "Warung  Bu Siti",
        "kbli": "56102",
        "alamat_usaha": "Jl. Raya",
        "kode_desa": VILLAGE,
        "modal": "1000000",
        "tenaga_kerja": "1",
    }
    first = intake_register(actor=officer, event=event, data=data)
    second = intake_register(
        actor=officer, event=event, data=data | {"nama_usaha": "warung bu siti"}
    )
    assert first.registration.pk == second.registration.pk and second.replayed


def test_a_file_without_the_template_columns_is_refused(event, officer):
    import io

    import openpyxl

    from balai.outreach.services import OutreachError

    book = openpyxl.Workbook()
    book.active.append(["nama", "alamat"])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    with pytest.raises(OutreachError) as caught:
        import_xlsx(actor=officer, event=event, file=out, file_name="x.xlsx")
    assert caught.value.code == "columns_missing"
