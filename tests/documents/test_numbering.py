import datetime as dt
import threading

import pytest
from django.db import connection, transaction
from hypothesis import given
from hypothesis import strategies as st

from balai.documents.errors import DocumentError
from balai.documents.models import Document, DocumentNumberVoid, DocumentType, OutgoingRegister
from balai.documents.numbering import number_format, number_format_check, number_take
from balai.documents.services import document_issue, number_void, office_profile_get


def test_village_number_format():
    number = number_format(
        "{klasifikasi}/{nomor:03}/{kode_unit}/{tahun}",
        classification="470",
        serial=123,
        unit_code="429.517.01",
        on=dt.date(2026, 3, 1),
    )
    assert number == "470/123/429.517.01/2026"


def test_roman_month_in_format():
    number = number_format(
        "{klasifikasi}/{nomor:04}/{kode_unit}/{bulan_romawi}/{tahun}",
        classification="400.12",
        serial=7,
        unit_code="DS",
        on=dt.date(2026, 11, 5),
    )
    assert number == "400.12/0007/DS/XI/2026"


@pytest.mark.parametrize(
    ("fmt", "code"),
    [
        ("{klasifikasi}/{tahun}", "number_format_no_serial"),
        ("{nomor}/{rahasia}", "number_format_unknown_field"),
        ("{nomor", "number_format_invalid"),
    ],
)
def test_bad_formats_are_refused_with_a_code(fmt, code):
    with pytest.raises(DocumentError) as refused:
        number_format_check(fmt)
    assert refused.value.code == code


@given(st.integers(min_value=1, max_value=10**6))
def test_the_serial_is_always_in_the_number(serial):
    number = number_format(
        "{klasifikasi}/{nomor:03}/{kode_unit}/{tahun}",
        classification="470",
        serial=serial,
        unit_code="X",
        on=dt.date(2026, 1, 1),
    )
    assert number.split("/")[1].lstrip("0") == str(serial)


def test_numbers_run_per_office_and_year_and_a_rollback_leaves_no_gap(
    letter_type, village, regions
):
    other = regions.get(code="35.10.05.2002")
    profile = office_profile_get(office=village)

    def take(office, on):
        with transaction.atomic():
            return number_take(
                office=office,
                document_type=letter_type,
                on=on,
                fmt=profile.number_format,
                unit_code="U",
            ).serial

    day = dt.date(2026, 5, 1)
    assert [take(village, day), take(village, day)] == [1, 2]
    with pytest.raises(RuntimeError), transaction.atomic():
        number_take(office=village, document_type=letter_type, on=day, fmt="{nomor}", unit_code="")
        raise RuntimeError("issue failed after the number was taken")
    assert take(village, day) == 3
    assert take(other, day) == 1
    assert take(village, dt.date(2027, 1, 2)) == 1


def test_a_voided_number_is_recorded_and_never_given_again(letter_type, village):
    first = number_void(actor=None, office=village, document_type=letter_type, reason="Salah cetak")
    second = number_void(actor=None, office=village, document_type=letter_type, reason="Rusak")
    assert (first.serial, second.serial) == (1, 2)
    assert DocumentNumberVoid.objects.filter(office=village).count() == 2
    with pytest.raises(DocumentError):
        number_void(actor=None, office=village, document_type=letter_type, reason="  ")


@given(
    serial=st.integers(min_value=1, max_value=10**6),
    classification=st.sampled_from(["470", "474.1", "503", "593"]),
    unit=st.from_regex(r"[0-9]{2}(\.[0-9]{2}){2}\.[0-9]{4}", fullmatch=True),
    year=st.integers(min_value=2000, max_value=2100),
    month=st.integers(min_value=1, max_value=12),
)
def test_village_format_parts_read_back_and_serials_order_as_numbers(
    serial, classification, unit, year, month
):
    """The default village format holds each part in its place, and padding keeps the
    serials of one register in order whatever their width."""
    on = dt.date(year, month, 1)
    fmt = "{klasifikasi}/{nomor:03}/{kode_desa}/{tahun}"
    number = number_format(fmt, classification=classification, serial=serial, unit_code=unit, on=on)
    parts = number.split("/")
    assert parts[0] == classification and parts[2] == unit and parts[3] == str(year)
    assert int(parts[1]) == serial and len(parts[1]) >= 3
    same = number_format(
        "{klasifikasi}/{nomor:03}/{kode_unit}/{tahun}",
        classification=classification,
        serial=serial,
        unit_code=unit,
        on=on,
    )
    assert same == number


def _four_types():
    return [
        DocumentType.objects.get_or_create(
            code=code, defaults={"name": code, "classification_code": classification}
        )[0]
        for code, classification in (
            ("sk-domisili", "470"),
            ("sk-belum-menikah", "474.2"),
            ("sku", "503"),
            ("sk-riwayat-tanah", "593"),
        )
    ]


def test_two_types_of_one_office_share_its_register(village, resident):
    """The outside check's case: an SK Domisili and an SK Belum Menikah of one village
    in one year got the same number because each type kept its own sequence."""
    domisili, belum_menikah, *_rest = _four_types()
    first = document_issue(actor=None, document_type=domisili, resident=resident)
    second = document_issue(actor=None, document_type=belum_menikah, resident=resident)
    void = number_void(actor=None, office=village, document_type=domisili, reason="Salah cetak")
    year = first.year
    assert (first.serial, second.serial, void.serial) == (1, 2, 3)
    assert first.number == f"470/001/{village.code}/{year}"
    assert second.number == f"474.2/002/{village.code}/{year}"
    assert OutgoingRegister.objects.get(issuer_key=village.code, year=year).last_serial == 3


def _issue_in_parallel(*, village, residents, types, threads, each, serialise):
    """`threads` issuers each issue `each` documents, cycling through the types."""
    errors: list[BaseException] = []
    start = threading.Barrier(threads)
    gate = threading.Lock() if serialise else None

    def issuer(n: int) -> None:
        try:
            start.wait()
            for i in range(each):
                kind = types[(n + i) % len(types)]
                if gate is None:
                    document_issue(actor=None, document_type=kind, resident=residents[n])
                else:
                    with gate:
                        document_issue(actor=None, document_type=kind, resident=residents[n])
        except BaseException as exc:  # reported below, so a thread's failure fails the test
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=issuer, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors, errors


def _assert_one_gap_free_register(village, total, types):
    serials = sorted(Document.objects.filter(office=village).values_list("serial", flat=True))
    numbers = set(Document.objects.values_list("number", flat=True))
    assert serials == list(range(1, total + 1))
    assert len(numbers) == total
    per_type = {t.code: Document.objects.filter(document_type=t).count() for t in types}
    assert sum(per_type.values()) == total and all(per_type.values())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_four_types_from_eight_threads_take_400_gap_free_numbers(village, make_resident):
    types = _four_types()
    residents = [make_resident(name=f"Warga {n}") for n in range(8)]
    document_issue(actor=None, document_type=types[0], resident=residents[0])  # keys made once
    Document.objects.all().delete()
    OutgoingRegister.objects.all().delete()
    _issue_in_parallel(
        village=village, residents=residents, types=types, threads=8, each=50, serialise=False
    )
    _assert_one_gap_free_register(village, 400, types)


@pytest.mark.django_db(transaction=True)
def test_four_types_from_four_threads_serialised_take_gap_free_numbers(village, make_resident):
    """SQLite takes one writer at a time: the same register rule, with the issuers queued."""
    types = _four_types()
    residents = [make_resident(name=f"Warga {n}") for n in range(4)]
    _issue_in_parallel(
        village=village,
        residents=residents,
        types=types,
        threads=4,
        each=10,
        serialise=connection.vendor == "sqlite",
    )
    _assert_one_gap_free_register(village, 40, types)
