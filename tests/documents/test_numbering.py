import datetime as dt
import threading

import pytest
from django.db import connection, transaction
from hypothesis import given
from hypothesis import strategies as st

from balai.documents.errors import DocumentError
from balai.documents.models import DocumentNumberVoid, NumberSequence
from balai.documents.numbering import number_format, number_format_check, number_take
from balai.documents.services import number_void, office_profile_get


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


def test_numbers_run_per_office_type_and_year_and_a_rollback_leaves_no_gap(
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


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_parallel_issuers_get_1600_unique_gap_free_numbers(letter_type, village):
    issuers, each = 8, 200
    taken: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(issuers)

    def issuer():
        try:
            start.wait()
            mine = []
            for _ in range(each):
                with transaction.atomic():
                    mine.append(
                        number_take(
                            office=village,
                            document_type=letter_type,
                            on=dt.date(2026, 6, 4),
                            fmt="{klasifikasi}/{nomor:03}/{kode_unit}/{tahun}",
                            unit_code="429.517.01",
                        ).serial
                    )
            with lock:
                taken.extend(mine)
        except BaseException as exc:  # reported below, so a thread's failure fails the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issuer) for _ in range(issuers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(taken) == list(range(1, issuers * each + 1))
    assert NumberSequence.objects.get(office=village, year=2026).last_serial == issuers * each
