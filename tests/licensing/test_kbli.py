"""The full KBLI 2020 table (Peraturan BPS No. 2 Tahun 2020) is shipped and loaded."""

from __future__ import annotations

from balai.licensing.services import registration_check
from tests.fixtures import VILLAGE


def _data(nik: str, kbli: str) -> dict[str, str]:
    return {
        "nik": nik,
        "nama_usaha": "Toko Sembako Makmur",
        "kbli": kbli,
        "alamat_usaha": "Jl. Raya Muncar 5",
        "kode_desa": VILLAGE,
        "modal": "25000000",
        "tenaga_kerja": "2",
    }


def test_the_whole_edition_is_loaded(kbli):
    from balai.licensing.models import KbliCode

    assert len(kbli) == 1791
    assert all(len(code) == 5 and code.isdigit() for code in kbli)
    # Codes outside the old 22-code sample, from first and last sections of the table.
    assert {"01111", "47111", "10792", "56101", "99000"} <= kbli
    assert KbliCode.objects.get(code="10792").title == "Industri Kue Basah"


def test_a_grocery_shop_47111_is_accepted(kbli, make_resident):
    owner = make_resident()
    checked, errors = registration_check(data=_data(owner.nik, "47111"), regency_code="35.10")
    assert errors == []
    assert checked.kbli_codes == ["47111"]


def test_a_code_not_in_the_edition_is_still_refused(kbli, make_resident):
    owner = make_resident()
    _checked, errors = registration_check(
        data=_data(owner.nik, "47112, 12345"), regency_code="35.10"
    )
    assert [e["code"] for e in errors] == ["kbli_unknown"]
    assert "12345" in errors[0]["message"]
