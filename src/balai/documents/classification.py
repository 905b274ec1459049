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
