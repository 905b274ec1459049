"""Archive classification code of each village letter type, as data.

Source: the archive classification of Permendagri 83/2022 (Pedoman Tata Naskah Dinas di
Lingkungan Pemerintah Daerah), in the codes village offices of Kabupaten Banyuwangi print:
400 kesejahteraan rakyat (460 sosial), 470 kependudukan, 474 pencatatan sipil (474.1
kelahiran, 474.2 perkawinan, 474.3 kematian), 300 ketenteraman dan ketertiban (331 keamanan),
500 perekonomian (503 perizinan, 510 usaha), 590 pertanahan (593 penguasaan tanah), 420
pendidikan, 440 kesehatan. `document_types_sync` copies the code into
DocumentType.classification_code once; from then on the admin's edit is what prints.
"""

from __future__ import annotations

DEFAULT_CLASSIFICATION = "470"

CLASSIFICATION: dict[str, str] = {
    "sk-domisili": "470",
    "sktm": "460",
    "sku": "503",
    "pengantar-skck": "331",
    "sk-kelahiran": "474.1",
    "sk-kematian": "474.3",
    "sk-lahir-mati": "474.3",
    "pengantar-pindah": "475",
    "pengantar-nikah": "474.2",
    "izin-orang-tua-nikah": "474.2",
    "sk-belum-menikah": "474.2",
    "sk-status-perkawinan": "474.2",
    "sk-janda-duda": "474.2",
    "sk-ahli-waris": "474",
    "sk-wali": "474",
    "sk-penghasilan": "470",
    "sk-kehilangan": "331",
    "sk-beda-identitas": "470",
    "sk-domisili-usaha": "503",
    "sk-domisili-lembaga": "470",
    "sk-riwayat-tanah": "593",
    "sk-tidak-sengketa": "593",
    "sporadik": "593",
    "sk-jual-beli-tanah": "593",
    "pengantar-ktp-kk": "470",
    "sk-ktp-el-proses": "470",
    "sk-bepergian": "470",
    "pengantar-keramaian": "331",
    "sk-catatan-kependudukan": "470",
    "rekomendasi-beasiswa": "420",
    "sk-tidak-memiliki-rumah": "460",
    "sk-belum-bekerja": "560",
    "legalisasi-kuasa": "470",
    "pengantar-bpjs-pbi": "440",
    "sk-ghaib": "470",
    "sk-yatim-piatu": "460",
    "sk-penghayat": "470",
    "sk-profesi": "470",
}


def classification_for(code: str) -> str:
    return CLASSIFICATION.get(code, DEFAULT_CLASSIFICATION)


def agency_classification_for(name: str) -> str:
    """An agency's licence is 503 (perizinan); its other letters take 000 (umum) until the
    agency's archivist sets the code of its own affairs."""
    return "503" if "izin" in name.lower() else "000"


# The legal basis each village letter names on its face: the rule under which the office
# states, covers or recommends. Data, copied into DocumentType.legal_basis once.
VILLAGE_BASIS = "UU 6/2014 tentang Desa pasal 26 ayat (4); Permendagri 47/2016"
POPULATION_BASIS = "UU 23/2006 jo. UU 24/2013 tentang Administrasi Kependudukan"
MARRIAGE_BASIS = "PMA 20/2019 tentang Pencatatan Pernikahan; Kepdirjen Bimas Islam 473/2020"
LAND_BASIS = "PP 24/1997 tentang Pendaftaran Tanah pasal 24; Permen Agraria/BPN 3/1997 pasal 76"

LEGAL_BASIS: dict[str, str] = {
    "sk-kelahiran": POPULATION_BASIS,
    "sk-kematian": POPULATION_BASIS,
    "sk-lahir-mati": POPULATION_BASIS,
    "sk-beda-identitas": POPULATION_BASIS,
    "sk-catatan-kependudukan": POPULATION_BASIS,
    "sk-ktp-el-proses": POPULATION_BASIS,
    "sk-penghayat": POPULATION_BASIS + "; Putusan MK 97/PUU-XIV/2016",
    "pengantar-nikah": MARRIAGE_BASIS,
    "izin-orang-tua-nikah": MARRIAGE_BASIS + "; UU 1/1974 pasal 6 ayat (2)",
    "sk-belum-menikah": MARRIAGE_BASIS,
    "sk-riwayat-tanah": LAND_BASIS,
    "sk-tidak-sengketa": LAND_BASIS,
    "sporadik": LAND_BASIS,
    "pengantar-skck": "Perpol 6/2023 tentang Penerbitan SKCK; " + VILLAGE_BASIS,
    "sktm": "UU 13/2011 tentang Penanganan Fakir Miskin; " + VILLAGE_BASIS,
    "pengantar-bpjs-pbi": "PP 101/2012 tentang Penerima Bantuan Iuran; " + VILLAGE_BASIS,
}


def legal_basis_for(code: str) -> str:
    return LEGAL_BASIS.get(code, VILLAGE_BASIS)
