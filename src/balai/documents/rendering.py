"""Rendering letters with Typst: data in as JSON, PDF bytes out. No signing, no database writes."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import threading
from pathlib import Path
from typing import Any

import segno
import typst
from django.conf import settings

from balai.documents.choices import PAGE_MM, TEMPLATE_FILES, TemplateKind
from balai.documents.dates import date_indonesian
from balai.people.nik import mask_nik
from balai.regions.models import Level, Region

TYPST_DIR = Path(__file__).resolve().parent / "typst"
_local = threading.local()


def _compiler(template: str) -> typst.Compiler:
    # One compiler per thread and template: Typst keeps fonts and parsed source between runs.
    compilers = getattr(_local, "compilers", None)
    if compilers is None:
        compilers = _local.compilers = {}
    if template not in compilers:
        compilers[template] = typst.Compiler(
            str(TYPST_DIR / f"{template}.typ"), ignore_system_fonts=True
        )
    return compilers[template]


def verification_url(seal_code: str) -> str:
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}/dokumen/verifikasi/?kode={seal_code}"


def qr_svg(text: str) -> str:
    buf = io.BytesIO()
    # Any of the eight masks is a valid QR (ISO/IEC 18004); scoring all eight to pick one costs
    # about four times the rest of the encoding, on every letter.
    segno.make(text, error="m", micro=False, mask=2).save(buf, kind="svg", border=2, xmldecl=False)
    return buf.getvalue().decode()


def office_heading(office: Region) -> dict[str, Any]:
    """Letterhead lines from the region tree: regency, then kecamatan, then village."""
    chain: list[Region] = []
    node: Region | None = office
    while node is not None and node.level != Level.PROVINCE:
        chain.append(node)
        node = node.parent
    chain.reverse()
    lines = []
    for region in chain:
        if region.level == Level.REGENCY:
            lines.append(f"Pemerintah {region.name}")
        elif region.level == Level.DISTRICT:
            lines.append(f"Kecamatan {region.name}")
        else:
            lines.append(f"{office_kind(region)} {region.name}")
    regency = chain[0].name if chain else office.name
    for prefix in ("Kabupaten ", "Kota "):
        regency = regency.removeprefix(prefix)
    return {"lines": lines, "emblem": regency.upper()}


def regency_of(region: Region) -> Region:
    node = region
    while node.level not in (Level.REGENCY, Level.PROVINCE) and node.parent is not None:
        node = node.parent
    return node


def strip_regency(name: str, regency: Region) -> str:
    """ "Dinas Sosial Kabupaten Banyuwangi" → "Dinas Sosial": the letterhead already names
    the regency on the line above."""
    return name.removesuffix(f" {regency.name}").strip()


def agency_heading(agency: Any) -> dict[str, Any]:
    """An agency's letterhead: the regency government, then the agency."""
    regency = regency_of(agency.region)
    emblem = regency.name
    for prefix in ("Kabupaten ", "Kota "):
        emblem = emblem.removeprefix(prefix)
    return {
        "lines": [f"Pemerintah {regency.name}", strip_regency(agency.name, regency)],
        "emblem": emblem.upper(),
        "regency": regency,
    }


def office_address(office: Region, profile: Any, *, agency: Any = None) -> str:
    """The letterhead's address line: the office's street address as its profile records it.
    A profile still holding only the office's name (the default) prints none rather than
    the name a second time."""
    address = (profile.address or "").strip()
    if address in ("", office.name) or (agency is not None and address == agency.name):
        return ""
    return address


def office_kind(region: Region) -> str:
    if region.level == Level.DISTRICT:
        return "Kecamatan"
    return str(region.village_kind or "Desa")


# "Dusun Pantai", "RT 011", "RW. 001", "RT 011/RW 001" inside a free-text address: the
# structured dusun and RT/RW print them once, so the free text keeps only the street.
_ADDRESS_PARTS = re.compile(
    r"(?:^|,)\s*(?:dusun|dsn\.?)\s+[^,/]+?(?=\s+RT\b|\s+RW\b|,|$)|\bR[TW]\.?\s*\d+",
    re.IGNORECASE,
)


def _street(address: str) -> str:
    rest = _ADDRESS_PARTS.sub("", address)
    return re.sub(r"\s*[,/]\s*(?=[,/]|$)|^\s*[,/]\s*", "", re.sub(r"\s+", " ", rest)).strip(" ,/")


def resident_address(resident: Any) -> str:
    """The address once, as the population register has it (Permendagri 109/2019): street,
    dusun, RT/RW, then the village, kecamatan and kabupaten from the region tree."""
    structured = bool(resident.dusun or resident.rt or resident.rw)
    parts = [_street(resident.address or "") if structured else (resident.address or "")]
    if resident.dusun:
        parts.append(f"Dusun {resident.dusun}")
    if resident.rt or resident.rw:
        parts.append(f"RT {resident.rt or '-'}/RW {resident.rw or '-'}")
    village = getattr(resident, "village", None)
    node = village
    while node is not None and node.level != Level.PROVINCE:
        if node.level == Level.DISTRICT:
            parts.append(f"Kecamatan {node.name}")
        elif node.level == Level.REGENCY:
            parts.append(node.name)
        else:
            parts.append(f"{office_kind(node)} {node.name}")
        node = node.parent
    return ", ".join(part for part in parts if part)


def resident_fields(resident: Any) -> list[list[str]]:
    # Every resident in the register with a NIK is printed as a citizen unless the register
    # says otherwise (a foreign resident with a KITAP also holds a NIK).
    citizenship = getattr(resident, "citizenship", "") or "Indonesia"
    return [
        ["Nama", resident.name],
        ["NIK", resident.nik],
        ["Tempat/tanggal lahir", f"{resident.birth_place}, {date_indonesian(resident.birth_date)}"],
        ["Jenis kelamin", str(resident.get_sex_display())],
        ["Kewarganegaraan", citizenship],
        ["Agama", str(resident.get_religion_display())],
        ["Status perkawinan", str(resident.get_marital_status_display())],
        ["Pekerjaan", resident.occupation or "-"],
        ["Alamat", resident_address(resident) or "-"],
    ]


def letter_kind(document_type: Any) -> str:
    """What the letter is, by its name: a covering letter (*surat pengantar*) asks another
    office to act, a recommendation recommends, a statement (*surat keterangan*) states."""
    name = document_type.name.lower()
    if name.startswith("surat pengantar") or name.startswith("pengantar"):
        return "pengantar"
    if name.startswith("rekomendasi") or name.startswith("surat rekomendasi"):
        return "rekomendasi"
    if "keterangan" in name:
        return "keterangan"
    return "surat"


# Opening verb and closing sentence per kind of letter.
WORDING: dict[str, tuple[str, str]] = {
    "keterangan": (
        "menerangkan bahwa:",
        "Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan "
        "sebagaimana mestinya.",
    ),
    "pengantar": (
        "memberikan pengantar kepada:",
        "Demikian surat pengantar ini dibuat untuk dipergunakan dalam pengurusan lebih lanjut "
        "pada instansi yang dituju.",
    ),
    "rekomendasi": (
        "memberikan rekomendasi kepada:",
        "Demikian rekomendasi ini diberikan untuk dapat dipergunakan sebagaimana mestinya.",
    ),
    "surat": (
        "menerangkan bahwa:",
        "Demikian surat ini dibuat untuk dapat dipergunakan sebagaimana mestinya.",
    ),
}


def letter_data(
    *,
    document_type: Any,
    resident: Any,
    office: Region,
    profile: Any,
    number: str,
    issued_on: dt.date,
    seal_code: str,
    form_data: dict[str, Any] | None = None,
    with_qr: bool = True,
    agency: Any = None,
    reference: str = "",
) -> dict[str, Any]:
    """Everything the Typst letter prints. Without the QR, the caller adds `qr_svg` later
    (bulk issuance draws it in the worker processes). With `agency`, the letter is the
    agency's (its letterhead, its head signs); `reference` names the application it answers."""
    verb, closing = WORDING[letter_kind(document_type)]
    if agency is not None:
        heading = agency_heading(agency)
        place = heading["regency"].name
        sign_place = place.removeprefix("Kabupaten ").removeprefix("Kota ")
        signer_title = profile.signer_title
        issuer_name = f"{strip_regency(agency.name, heading['regency'])} {place}"
        opening = f"Yang bertanda tangan di bawah ini, {signer_title} {place}, "
        if letter_kind(document_type) == "rekomendasi":
            opening += f"{reference}{verb}"
        else:
            opening += f"{reference}menerbitkan {document_type.name} kepada:"
    else:
        heading = office_heading(office)
        place = f"{office_kind(office)} {office.name}"
        sign_place = office.name
        signer_title = f"{profile.signer_title} {office.name}"
        issuer_name = f"Pemerintah {place}"
        opening = f"Yang bertanda tangan di bawah ini, {signer_title}, {reference}{verb}"
    body = (document_type.body or "").replace("{wilayah}", place).replace("{nama}", resident.name)
    width, height = PAGE_MM[document_type.page_size]
    url = verification_url(seal_code)
    return {
        "template": TEMPLATE_FILES.get(document_type.template, "letter"),
        "kind": document_type.template or TemplateKind.VILLAGE_LETTER,
        "title": document_type.name,
        "number": number,
        "seal_code": seal_code,
        "page": {"width": width, "height": height},
        "office": {
            "name": place,
            "heading": heading["lines"],
            "emblem_text": heading["emblem"],
            "address": office_address(office, profile, agency=agency),
        },
        "opening": opening,
        "holder_name": resident.name,
        "fields": resident_fields(resident),
        "body": [p.strip() for p in body.split("\n\n") if p.strip()],
        "form": [[_form_label(k), str(v)] for k, v in (form_data or {}).items()],
        "closing": closing,
        "legal_basis": getattr(document_type, "legal_basis", ""),
        "place": sign_place,
        # The same values by key, for templates that place them (the NIB prints its number large).
        "values": {str(k): str(v) for k, v in (form_data or {}).items()},
        "date": date_indonesian(issued_on),
        "signer": {
            "title": signer_title,
            "name": profile.signer_name,
            "nip": getattr(profile, "signer_nip", ""),
        },
        "qr_svg": qr_svg(url) if with_qr else None,
        "signed_note": "Ditandatangani secara elektronik",
        # The full URL with its code is in the QR; the footer names the page, short enough to
        # type by hand from paper.
        "issued_note": f"Dokumen ini diterbitkan oleh {issuer_name}.",
        "verify_note": "Keaslian dokumen dapat diperiksa dengan memindai QR atau di",
        "verify_url": url,
        "verify_page": verification_url("").removesuffix("?kode="),
        "nik_masked": mask_nik(resident.nik),
    }


def _form_label(key: Any) -> str:
    # Field names (`nama_usaha`) read as words; labels taken from the standard print as given.
    text = str(key)
    return text.replace("_", " ").capitalize() if text == text.lower() else text


def letter_render(data: dict[str, Any], *, template: str | None = None) -> bytes:
    template = template or data.get("template") or "letter"
    return _compiler(template).compile(sys_inputs={"data": json.dumps(data)}, format="pdf")


def letter_render_png(data: dict[str, Any], *, ppi: int) -> bytes:
    """The first page as a PNG: a preview on a screen, never a document."""
    template = data.get("template") or "letter"
    pages = _compiler(template).compile(
        sys_inputs={"data": json.dumps(data)}, format="png", ppi=ppi
    )
    return pages[0] if isinstance(pages, list) else pages
