"""The starting body text of each village letter type, as data. `document_types_sync` copies
it into DocumentType.body once; from then on the admin's edits are what prints.

Placeholders: {wilayah} (the office's village or kecamatan, with its kind) and {nama}.
"""

from __future__ import annotations

_RESIDENT = "Nama tersebut di atas adalah benar penduduk {wilayah}"

DEFAULT_BODY = f"{_RESIDENT}. Surat ini diberikan atas permohonan yang bersangkutan."

BODIES: dict[str, str] = {
    "sk-domisili": f"{_RESIDENT} dan sampai saat ini benar bertempat tinggal di alamat tersebut.",
    "sktm": f"{_RESIDENT} dan berdasarkan pengetahuan kami termasuk keluarga tidak mampu.",
    "sku": f"{_RESIDENT} dan benar mempunyai usaha yang berjalan di wilayah {{wilayah}}.",
    "pengantar-skck": f"{_RESIDENT}, berkelakuan baik dan tidak sedang tersangkut perkara "
    "pidana sepanjang pengetahuan kami. Surat ini sebagai pengantar permohonan SKCK.",
    "sk-kelahiran": "Telah lahir seorang anak dari keluarga penduduk {wilayah} sebagaimana "
    "data di bawah ini.",
    "sk-kematian": "Penduduk {wilayah} dengan data tersebut di atas telah meninggal dunia "
    "sebagaimana keterangan di bawah ini.",
    "pengantar-pindah": f"{_RESIDENT} dan bermaksud pindah sebagaimana keterangan di bawah ini.",
    "pengantar-nikah": f"{_RESIDENT} dan bermaksud melangsungkan pernikahan.",
    "izin-orang-tua-nikah": "Orang tua yang bersangkutan memberikan izin untuk melangsungkan "
    "pernikahan.",
    "sk-ahli-waris": "Berdasarkan keterangan keluarga dan saksi, yang bersangkutan adalah ahli "
    "waris sebagaimana tercantum di bawah ini.",
    "sk-belum-menikah": f"{_RESIDENT} dan sampai saat ini belum pernah menikah.",
    "sk-penghasilan": f"{_RESIDENT} dengan penghasilan sebagaimana keterangan di bawah ini.",
    "sk-kehilangan": f"{_RESIDENT} dan telah melaporkan kehilangan sebagaimana keterangan di "
    "bawah ini.",
    "sk-beda-identitas": "Data yang berbeda pada dokumen di bawah ini adalah benar orang yang "
    "sama dengan nama tersebut di atas.",
    "sk-janda-duda": f"{_RESIDENT} dan berstatus janda/duda.",
    "sk-domisili-usaha": "Usaha milik nama tersebut di atas benar berdomisili di {wilayah}.",
    "sk-riwayat-tanah": "Riwayat tanah yang dikuasai nama tersebut di atas adalah sebagaimana "
    "tercatat di bawah ini.",
    "sk-jual-beli-tanah": "Jual beli tanah oleh nama tersebut di atas diketahui oleh pemerintah "
    "{wilayah} sebagaimana keterangan di bawah ini.",
    "pengantar-ktp-kk": f"{_RESIDENT}. Surat ini sebagai pengantar pengurusan KTP-el/Kartu "
    "Keluarga di Dinas Kependudukan dan Pencatatan Sipil.",
    "sk-bepergian": f"{_RESIDENT} dan akan bepergian sebagaimana keterangan di bawah ini.",
    "pengantar-keramaian": f"{_RESIDENT} dan bermaksud menyelenggarakan kegiatan keramaian "
    "sebagaimana keterangan di bawah ini.",
    "sk-catatan-kependudukan": f"{_RESIDENT} dengan catatan kependudukan sebagaimana tercatat "
    "pada register penduduk desa.",
    "sk-wali": "Nama tersebut di atas adalah wali yang sah sebagaimana keterangan di bawah ini.",
    "sk-status-perkawinan": f"{_RESIDENT} dengan status perkawinan sebagaimana tercantum di atas.",
    "rekomendasi-beasiswa": f"{_RESIDENT} dan kami rekomendasikan untuk menerima beasiswa.",
    "sk-tidak-memiliki-rumah": f"{_RESIDENT} dan sepanjang pengetahuan kami tidak memiliki rumah.",
    "sk-belum-bekerja": f"{_RESIDENT} dan sampai saat ini belum bekerja.",
    "sk-domisili-lembaga": "Lembaga yang diwakili nama tersebut di atas benar berdomisili di "
    "{wilayah}.",
    "sk-lahir-mati": "Telah terjadi kelahiran dalam keadaan meninggal pada keluarga penduduk "
    "{wilayah} sebagaimana keterangan di bawah ini.",
    "legalisasi-kuasa": "Tanda tangan pada surat kuasa yang dilampirkan benar dibubuhkan oleh "
    "nama tersebut di atas di hadapan kami.",
    "pengantar-bpjs-pbi": f"{_RESIDENT} dan diusulkan sebagai peserta BPJS Kesehatan Penerima "
    "Bantuan Iuran.",
    "sk-ghaib": "Anggota keluarga penduduk {wilayah} sebagaimana keterangan di bawah ini tidak "
    "diketahui keberadaannya.",
    "sk-yatim-piatu": f"{_RESIDENT} dan berstatus yatim/piatu.",
    "sk-penghayat": f"{_RESIDENT} dan adalah penghayat kepercayaan terhadap Tuhan Yang Maha Esa.",
    "sk-tidak-sengketa": "Bidang tanah yang dikuasai nama tersebut di atas sebagaimana "
    "keterangan di bawah ini, menurut buku C desa dan keterangan saksi batas, tidak dalam "
    "sengketa.",
    "sporadik": "Nama tersebut di atas menyatakan menguasai fisik bidang tanah sebagaimana "
    "keterangan di bawah ini secara terus-menerus dengan itikad baik, disaksikan dua orang "
    "saksi dan diketahui oleh pemerintah {wilayah}.",
    "sk-ktp-el-proses": f"{_RESIDENT} dan KTP-el yang bersangkutan sedang dalam proses "
    "perekaman atau pencetakan di Dinas Kependudukan dan Pencatatan Sipil.",
    "sk-profesi": f"{_RESIDENT} dan bekerja dengan profesi sebagaimana keterangan di bawah ini.",
}


def body_for(code: str) -> str:
    return BODIES.get(code, DEFAULT_BODY)
