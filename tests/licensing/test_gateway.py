"""Registrations against the sandbox OSS over HTTP: NIBs, validation, faults, no duplicates."""

from __future__ import annotations

import pytest

from balai.licensing.choices import AttemptOutcome, Certificate, RegistrationStatus
from balai.licensing.errors import LicensingError
from balai.licensing.services import registration_check, registration_create, registration_submit
from tests.fixtures import VILLAGE


def _data(resident, **changes):
    data = {
        "nik": resident.nik,
        "nama_usaha": "Warung Bu Siti",
        "kbli": "56102",
        "alamat_usaha": "Jl. Raya Muncar 3",
        "kode_desa": VILLAGE,
        "modal": "15000000",
        "tenaga_kerja": "2",
    }
    data.update(changes)
    return data


def _registration(resident, officer, dpmptsp, **changes):
    checked, errors = registration_check(data=_data(resident, **changes), regency_code="35.10")
    assert errors == []
    return registration_create(actor=officer, checked=checked, agency=dpmptsp)


def test_a_registration_gets_one_13_digit_nib(make_resident, officer, dpmptsp, gateway, sandbox):
    registration = _registration(make_resident(), officer, dpmptsp)
    done = registration_submit(actor=officer, registration=registration, gateway=gateway)
    assert done.status == RegistrationStatus.ISSUED
    assert len(done.nib) == 13 and done.nib.isdigit()
    assert done.certificate == Certificate.NONE  # 56102 is low risk in the example table
    # Sending it again asks nothing of OSS: it is final.
    again = registration_submit(actor=officer, registration=done, gateway=gateway)
    assert again.nib == done.nib and sandbox.stats()["requests"] == 1


def test_risk_levels_yield_their_certificates(make_resident, officer, dpmptsp, gateway):
    restaurant = _registration(make_resident(), officer, dpmptsp, kbli="56101, 56102")
    lodging = _registration(make_resident(), officer, dpmptsp, kbli="55130", nama_usaha="Homestay")
    assert restaurant.risk_level == "menengah_rendah"  # the highest of its activities
    assert lodging.risk_level == "tinggi"
    for registration, expected in (
        (restaurant, Certificate.SELF_DECLARED),
        (lodging, Certificate.PERMIT),
    ):
        done = registration_submit(actor=officer, registration=registration, gateway=gateway)
        assert done.certificate == expected


def test_check_reports_every_problem_in_indonesian(make_resident, kbli):
    resident = make_resident()
    _checked, errors = registration_check(
        data=_data(resident, nik="12345", kbli="99999", modal="9000000000", nama_usaha=""),
        regency_code="35.10",
    )
    codes = {(e["field"], e["code"]) for e in errors}
    assert ("nik", "length") in codes
    assert ("kbli", "kbli_unknown") in codes
    assert ("modal", "scale") in codes
    assert ("nama_usaha", "required") in codes
    assert all(e["message"] for e in errors)


def test_a_leading_zero_lost_by_a_spreadsheet_is_restored(make_resident, kbli):
    checked, errors = registration_check(
        data=_data(make_resident(), kbli="1111"), regency_code="35.10"
    )
    assert errors == [] and checked.kbli_codes == ["01111"]


def test_a_server_error_then_success_is_one_nib(make_resident, officer, dpmptsp, gateway, sandbox):
    registration = _registration(make_resident(), officer, dpmptsp)
    sandbox.configure(queue=["fail", "fail"])
    done = registration_submit(actor=officer, registration=registration, gateway=gateway, tries=3)
    assert done.status == RegistrationStatus.ISSUED
    outcomes = list(done.gateway_attempts.values_list("outcome", flat=True))
    assert outcomes == [
        AttemptOutcome.SERVER_ERROR,
        AttemptOutcome.SERVER_ERROR,
        AttemptOutcome.ISSUED,
    ]
    assert sandbox.stats()["issued"] == 1


def test_after_a_timeout_the_retry_asks_by_key_and_gets_the_same_nib(
    make_resident, officer, dpmptsp, gateway, sandbox
):
    registration = _registration(make_resident(), officer, dpmptsp)
    # OSS registers the request but its answer never arrives in time.
    sandbox.configure(queue=["timeout"])
    done = registration_submit(actor=officer, registration=registration, gateway=gateway, tries=2)
    outcomes = list(done.gateway_attempts.values_list("outcome", flat=True))
    assert outcomes == [AttemptOutcome.TIMEOUT, AttemptOutcome.FOUND]
    assert done.status == RegistrationStatus.ISSUED
    assert sandbox.issued[str(registration.idempotency_key)]["nib"] == done.nib
    assert sandbox.stats() | {"requests": 0} == {"requests": 0, "issued": 1, "distinct": 1}


def test_faults_that_outlast_the_tries_leave_it_marked_for_retry(
    make_resident, officer, dpmptsp, gateway, sandbox
):
    registration = _registration(make_resident(), officer, dpmptsp)
    sandbox.configure(queue=["fail", "timeout"])
    marked = registration_submit(actor=officer, registration=registration, gateway=gateway, tries=2)
    assert marked.status == RegistrationStatus.RETRY and marked.nib is None
    assert marked.last_error_code == AttemptOutcome.TIMEOUT
    # The timed-out request did reach OSS: the next run finds its NIB by key.
    done = registration_submit(actor=officer, registration=marked, gateway=gateway, tries=1)
    assert done.status == RegistrationStatus.ISSUED
    assert done.nib == sandbox.issued[str(registration.idempotency_key)]["nib"]
    assert sandbox.stats()["issued"] == 1


def test_oss_refusal_is_final_and_not_retried(make_resident, officer, dpmptsp, gateway, sandbox):
    registration = _registration(make_resident(), officer, dpmptsp)
    sandbox.kbli_codes = frozenset()  # OSS no longer knows the code
    done = registration_submit(actor=officer, registration=registration, gateway=gateway, tries=3)
    assert done.status == RegistrationStatus.REJECTED and "56102" in done.last_error
    assert sandbox.stats()["requests"] == 1


def test_an_unreachable_oss_marks_for_retry(make_resident, officer, dpmptsp, kbli):
    from balai.licensing.gateway import HttpOssGateway

    registration = _registration(make_resident(), officer, dpmptsp)
    closed = HttpOssGateway("http://127.0.0.1:9", timeout=0.3)
    done = registration_submit(actor=officer, registration=registration, gateway=closed, tries=1)
    assert done.status == RegistrationStatus.RETRY and done.last_error_code == "unreachable"


def test_staff_outside_scope_cannot_register(make_resident, make_staff, kbli):
    outsider = make_staff("operator_desa", region="35.10.01.2001")
    checked, _errors = registration_check(data=_data(make_resident()), regency_code="35.10")
    with pytest.raises(LicensingError) as caught:
        registration_create(actor=outsider, checked=checked)
    assert caught.value.code == "forbidden"


def test_sandbox_validates_like_oss(sandbox):
    status, body = sandbox.register("k1", {"nik": "123", "kbli": ["00000"]})
    assert status == 422
    codes = {e["code"] for e in body["errors"]}
    assert {"required", "nik_invalid", "kbli_unknown"} <= codes
