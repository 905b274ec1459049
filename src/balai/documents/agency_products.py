"""The agency products Balai issues itself, as data: which (agency, catalog product) pairs get
a document type, the template each is drawn with, its name and its starting body text.

Balai issues a product when a regency office signs it under its own authority: a
recommendation, a letter, a decision, a local licence, a certificate of its own. It does not
issue what a national system produces and the agency only hands over: population documents
from SIAK (KTP-el, KK, KIA, akta, SKPWNI — Permendagri 109/2019 prints them from there),
business licences from OSS (NIB, Sertifikat Standar, PB UMKU, KKPR — PP 28/2025), building
approvals from SIMBG (PBG, SLF), and the products of vertical agencies, BPJS, banks and state
companies, which sign in their own systems. Receipts, cards printed on special stock and
consultation notes are not documents either.

`document_types_sync` copies name, template and body into a DocumentType once; from then on
the admin's edits are what prints. Placeholders: {wilayah} (the regency) and {nama}.
"""

from __future__ import annotations

from dataclasses import dataclass

from balai.documents.choices import TemplateKind

LETTER = TemplateKind.AGENCY_LETTER
CERTIFICATE = TemplateKind.CERTIFICATE

_VALID = "berlaku selama yang bersangkutan memenuhi ketentuan peraturan perundang-undangan"


@dataclass(frozen=True)
class AgencyProduct:
    name: str
    template: str
    body: str


PRODUCTS: dict[tuple[str, str], AgencyProduct] = {
    # Badan Pendapatan Daerah: decisions and letters on regional taxes.
    ("bapenda", "sk-keberatan-pajak"): AgencyProduct(
        "Keputusan atas Keberatan Pajak Daerah",
        LETTER,
        "Keberatan yang diajukan oleh nama tersebut di atas telah diperiksa dan diputuskan "
        "sebagaimana keterangan di bawah ini.",
    ),
    ("bapenda", "sk-pengurangan-pajak"): AgencyProduct(
        "Keputusan Pengurangan PBB-P2",
        LETTER,
        "Permohonan pengurangan Pajak Bumi dan Bangunan Perdesaan dan Perkotaan oleh nama "
        "tersebut di atas dikabulkan sebagaimana keterangan di bawah ini.",
    ),
    ("bapenda", "sk-lunas-pajak"): AgencyProduct(
        "Surat Keterangan Lunas Pajak Daerah",
        LETTER,
        "Nama tersebut di atas tidak mempunyai tunggakan pajak daerah {wilayah} sampai dengan "
        "tanggal surat ini.",
    ),
    # Dinas Perikanan.
    ("dinas-perikanan", "rekomendasi-bbm"): AgencyProduct(
        "Surat Rekomendasi Pembelian BBM untuk Nelayan",
        LETTER,
        "Nama tersebut di atas adalah nelayan kecil yang kami rekomendasikan untuk membeli "
        "jenis BBM tertentu sesuai kebutuhan usaha penangkapan ikan di bawah ini.",
    ),
    ("dinas-perikanan", "rekomendasi"): AgencyProduct(
        "Rekomendasi Sertifikasi Cara Budidaya Ikan yang Baik",
        LETTER,
        "Unit usaha budidaya milik nama tersebut di atas telah kami bina dan kami "
        "rekomendasikan untuk mengikuti sertifikasi CBIB.",
    ),
    ("dinas-perikanan", "ska-ikan"): AgencyProduct(
        "Surat Keterangan Asal Ikan",
        LETTER,
        "Ikan hasil tangkapan atau budidaya sebagaimana keterangan di bawah ini berasal dari "
        "wilayah {wilayah}.",
    ),
    ("dinas-perikanan", "tdkp"): AgencyProduct(
        "Tanda Daftar Kapal Perikanan",
        CERTIFICATE,
        f"Kapal perikanan milik nama tersebut di atas telah terdaftar dan {_VALID}.",
    ),
    ("dinas-perikanan", "sertifikat-pelatihan"): AgencyProduct(
        "Sertifikat Pelatihan Perikanan",
        CERTIFICATE,
        "Telah mengikuti pelatihan perikanan yang diselenggarakan Dinas Perikanan.",
    ),
    # Dinas Pertanian dan Pangan.
    ("dinas-pertanian", "rekomendasi-bbm"): AgencyProduct(
        "Surat Rekomendasi Pembelian BBM untuk Petani",
        LETTER,
        "Nama tersebut di atas adalah petani yang kami rekomendasikan untuk membeli jenis "
        "BBM tertentu bagi alat dan mesin pertanian sebagaimana keterangan di bawah ini.",
    ),
    ("dinas-pertanian", "skkh"): AgencyProduct(
        "Surat Keterangan Kesehatan Hewan",
        LETTER,
        "Hewan sebagaimana keterangan di bawah ini telah diperiksa dan dinyatakan sehat serta "
        "bebas dari gejala penyakit hewan menular.",
    ),
    ("dinas-pertanian", "rekomendasi"): AgencyProduct(
        "Rekomendasi Nomor Kontrol Veteriner",
        LETTER,
        "Unit usaha produk hewan milik nama tersebut di atas telah diperiksa dan kami "
        "rekomendasikan untuk memperoleh Nomor Kontrol Veteriner.",
    ),
    ("dinas-pertanian", "psat"): AgencyProduct(
        "Sertifikat Pendaftaran Pangan Segar Asal Tumbuhan",
        CERTIFICATE,
        f"Pangan segar asal tumbuhan milik nama tersebut di atas telah terdaftar dan {_VALID}.",
    ),
    # Dinas Kesehatan.
    ("dinkes", "slhs"): AgencyProduct(
        "Sertifikat Laik Higiene Sanitasi",
        CERTIFICATE,
        f"Tempat pengelolaan pangan milik nama tersebut di atas memenuhi persyaratan higiene "
        f"sanitasi dan sertifikat ini {_VALID}.",
    ),
    ("dinkes", "sertifikat-penyuluhan"): AgencyProduct(
        "Sertifikat Penyuluhan Keamanan Pangan",
        CERTIFICATE,
        "Telah mengikuti penyuluhan keamanan pangan bagi industri rumah tangga pangan.",
    ),
    ("dinkes", "rekomendasi"): AgencyProduct(
        "Rekomendasi Teknis Kesehatan",
        LETTER,
        "Berdasarkan hasil penilaian teknis, permohonan nama tersebut di atas kami "
        "rekomendasikan sebagaimana keterangan di bawah ini.",
    ),
    ("dinkes", "sk-sehat"): AgencyProduct(
        "Surat Keterangan Sehat",
        LETTER,
        "Berdasarkan hasil pemeriksaan kesehatan, nama tersebut di atas dinyatakan dalam "
        "keadaan sehat.",
    ),
    # Dinas Sosial, Pemberdayaan Perempuan dan Keluarga Berencana.
    ("dinsos", "rekomendasi-pbi"): AgencyProduct(
        "Rekomendasi Peserta PBI Jaminan Kesehatan",
        LETTER,
        "Nama tersebut di atas adalah penduduk {wilayah} yang kami rekomendasikan sebagai "
        "peserta Penerima Bantuan Iuran Jaminan Kesehatan.",
    ),
    ("dinsos", "rekomendasi"): AgencyProduct(
        "Rekomendasi Dinas Sosial",
        LETTER,
        "Berdasarkan hasil verifikasi, nama tersebut di atas kami rekomendasikan sebagaimana "
        "keperluan di bawah ini.",
    ),
    ("dinsos", "status-bansos"): AgencyProduct(
        "Surat Keterangan Status Kepesertaan Bantuan Sosial",
        LETTER,
        "Status kepesertaan bantuan sosial nama tersebut di atas adalah sebagaimana tercatat "
        "di bawah ini.",
    ),
    ("dinsos", "rujukan"): AgencyProduct(
        "Surat Rujukan Pelayanan KB",
        LETTER,
        "Nama tersebut di atas kami rujuk untuk memperoleh pelayanan keluarga berencana.",
    ),
    # Dinas Perhubungan.
    ("dishub", "izin-angkutan"): AgencyProduct(
        "Izin Insidental Angkutan",
        LETTER,
        f"Memberikan izin insidental kepada nama tersebut di atas untuk angkutan sebagaimana "
        f"keterangan di bawah ini; izin ini {_VALID} dan hanya untuk perjalanan yang disebut.",
    ),
    ("dishub", "izin-parkir"): AgencyProduct(
        "Izin Penyelenggaraan Parkir",
        LETTER,
        f"Memberikan izin penyelenggaraan parkir kepada nama tersebut di atas di lokasi di "
        f"bawah ini; izin ini {_VALID}.",
    ),
    ("dishub", "andalalin"): AgencyProduct(
        "Persetujuan Analisis Dampak Lalu Lintas",
        LETTER,
        "Dokumen analisis dampak lalu lintas untuk kegiatan di bawah ini disetujui dengan "
        "kewajiban melaksanakan rekomendasi penanganan dampak lalu lintas.",
    ),
    # Dinas Koperasi, Usaha Mikro dan Perdagangan.
    ("diskopumdag", "skhp-tera"): AgencyProduct(
        "Surat Keterangan Hasil Pengujian Alat Ukur",
        LETTER,
        "Alat ukur, takar, timbang dan perlengkapannya milik nama tersebut di atas telah "
        "diuji dan ditera sebagaimana keterangan di bawah ini.",
    ),
    ("diskopumdag", "sk-pendampingan"): AgencyProduct(
        "Surat Keterangan Pendampingan Usaha Mikro",
        LETTER,
        "Usaha mikro milik nama tersebut di atas adalah binaan Dinas Koperasi, Usaha Mikro "
        "dan Perdagangan.",
    ),
    # Dinas Tenaga Kerja, Transmigrasi dan Perindustrian.
    ("disnakertransperin", "rekomendasi-pmi"): AgencyProduct(
        "Surat Rekomendasi Calon Pekerja Migran Indonesia",
        LETTER,
        "Nama tersebut di atas telah terdaftar sebagai calon Pekerja Migran Indonesia dan "
        "kami rekomendasikan untuk diproses lebih lanjut.",
    ),
    ("disnakertransperin", "sk-pengesahan-pp"): AgencyProduct(
        "Keputusan Pengesahan Peraturan Perusahaan",
        LETTER,
        "Peraturan perusahaan yang diajukan oleh nama tersebut di atas disahkan dan berlaku "
        "paling lama dua tahun sejak tanggal pengesahan.",
    ),
    ("disnakertransperin", "anjuran-mediasi"): AgencyProduct(
        "Anjuran Mediator Hubungan Industrial",
        LETTER,
        "Berdasarkan mediasi perselisihan hubungan industrial yang diajukan nama tersebut di "
        "atas, mediator menyampaikan anjuran sebagaimana keterangan di bawah ini.",
    ),
    # Dinas Kependudukan dan Pencatatan Sipil: its own letters, not SIAK's documents.
    ("dispendukcapil", "sk-perbaikan-data"): AgencyProduct(
        "Surat Keterangan Hasil Perbaikan Data Kependudukan",
        LETTER,
        "Data kependudukan nama tersebut di atas telah diperbaiki dalam database kependudukan "
        "sebagaimana keterangan di bawah ini.",
    ),
    ("dispendukcapil", "rekomendasi-pks"): AgencyProduct(
        "Surat Rekomendasi Kerja Sama Pemanfaatan Data Kependudukan",
        LETTER,
        "Permohonan kerja sama pemanfaatan data kependudukan yang diajukan nama tersebut di "
        "atas kami rekomendasikan untuk diproses lebih lanjut.",
    ),
    # DPMPTSP: the regency's own licences and letters (OSS and SIMBG products excluded).
    ("dpmptsp", "sip-nakes"): AgencyProduct(
        "Surat Izin Praktik Tenaga Kesehatan",
        LETTER,
        f"Memberikan izin praktik kepada nama tersebut di atas di tempat praktik di bawah "
        f"ini; izin ini {_VALID} dan selama Surat Tanda Registrasinya berlaku.",
    ),
    # No `izin-fasyankes`: the standards of the clinic, pharmacy, laboratory, optician and
    # hospital licences say they are issued through OSS (PP 28/2025), so Balai hands OSS's
    # document over and never prints one in the regency's name.
    ("dpmptsp", "izin-pendidikan"): AgencyProduct(
        "Izin Penyelenggaraan Satuan Pendidikan Nonformal",
        LETTER,
        f"Memberikan izin kepada nama tersebut di atas untuk menyelenggarakan satuan "
        f"pendidikan di bawah ini; izin ini {_VALID}.",
    ),
    ("dpmptsp", "izin-reklame"): AgencyProduct(
        "Izin Penyelenggaraan Reklame",
        LETTER,
        f"Memberikan izin kepada nama tersebut di atas untuk menyelenggarakan reklame di "
        f"lokasi di bawah ini; izin ini {_VALID} dan selama pajak reklamenya dibayar.",
    ),
    ("dpmptsp", "izin-angkutan"): AgencyProduct(
        "Izin Penyelenggaraan Angkutan",
        LETTER,
        f"Memberikan izin penyelenggaraan angkutan kepada nama tersebut di atas; izin ini "
        f"{_VALID}.",
    ),
    ("dpmptsp", "izin-rumija"): AgencyProduct(
        "Izin Pemanfaatan Ruang Milik Jalan",
        LETTER,
        f"Memberikan izin kepada nama tersebut di atas untuk memanfaatkan ruang milik jalan "
        f"kabupaten di lokasi di bawah ini; izin ini {_VALID}.",
    ),
    ("dpmptsp", "info-tata-ruang"): AgencyProduct(
        "Surat Informasi Tata Ruang",
        LETTER,
        "Lokasi yang dimohon nama tersebut di atas berada dalam rencana tata ruang {wilayah} "
        "sebagaimana keterangan di bawah ini.",
    ),
    ("dpmptsp", "site-plan"): AgencyProduct(
        "Pengesahan Rencana Tapak",
        LETTER,
        "Rencana tapak yang diajukan nama tersebut di atas untuk lokasi di bawah ini disahkan.",
    ),
    ("dpmptsp", "sk-penelitian"): AgencyProduct(
        "Surat Keterangan Penelitian",
        LETTER,
        "Nama tersebut di atas diberi keterangan untuk melaksanakan penelitian di wilayah "
        "{wilayah} sebagaimana keterangan di bawah ini, dengan kewajiban menyerahkan hasilnya.",
    ),
}


def agency_product(agency_code: str, product_code: str) -> AgencyProduct | None:
    return PRODUCTS.get((agency_code, product_code))


def agency_type_code(agency_code: str, product_code: str) -> str:
    """An agency's type code: the agency and the catalog's product code, e.g. `dinsos-rujukan`."""
    return f"{agency_code}-{product_code}"
