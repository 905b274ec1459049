"""Who issues a document: a village or kecamatan office (a Region) or a regency agency. Each
has a profile (letterhead, unit code, number format, signer) and one signing official, whose
key in the keystore is named after the office's code or the agency's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from balai.documents import keystore
from balai.documents.errors import DocumentError
from balai.documents.models import AgencyProfile, OfficeProfile
from balai.documents.rendering import office_kind, regency_of, strip_regency
from balai.documents.signing import LocalSigner, Signer
from balai.regions.models import Level, Region


def office_profile_get(*, office: Region) -> OfficeProfile:
    """The office's letterhead and numbering settings, created with defaults on first use."""
    title = {Level.DISTRICT: "Camat"}.get(office.level) or (
        "Lurah" if office_kind(office) == "Kelurahan" else "Kepala Desa"
    )
    profile, _made = OfficeProfile.objects.get_or_create(
        region=office,
        defaults={"unit_code": office.code, "signer_title": title, "address": office.name},
    )
    return profile


def agency_profile_get(*, agency: Any) -> AgencyProfile:
    """The agency's letterhead and numbering settings, created with defaults on first use."""
    regency = regency_of(agency.region)
    profile, _made = AgencyProfile.objects.get_or_create(
        agency=agency,
        defaults={
            "unit_code": f"{agency.short_name or agency.code}/{agency.region_id}",
            "signer_title": f"Kepala {strip_regency(agency.name, regency)}",
            "address": agency.address or agency.name,
        },
    )
    return profile


@dataclass(frozen=True)
class Issuer:
    office: Region
    agency: Any
    profile: Any

    @property
    def key_code(self) -> str:
        """The keystore name of the office's signing official."""
        return f"agency-{self.agency.code}" if self.agency is not None else self.office.code

    @property
    def official(self) -> str:
        """The signing official as a person reads it: "Kepala Desa Sumberberas", "Camat
        Muncar", "Kepala Dinas Sosial ..."."""
        if self.agency is not None:
            return self.profile.signer_title
        return f"{self.profile.signer_title} {self.office.name}"

    @property
    def signed_by(self) -> str:
        """The official and, when the office has recorded it, their name, as the register
        lists it."""
        name = self.profile.signer_name.strip()
        return f"{self.official}, {name}" if name else self.official


def issuer_for(*, office: Region | None = None, agency: Any = None) -> Issuer:
    if agency is not None:
        return Issuer(
            office=agency.region, agency=agency, profile=agency_profile_get(agency=agency)
        )
    if office is None:
        raise ValueError("an issuer needs an office or an agency")
    return Issuer(office=office, agency=None, profile=office_profile_get(office=office))


def issuer_signer(issuer: Issuer, *, create: bool = True) -> Signer:
    """The local keystore signer of the issuer's official. With `create=False` a missing key
    is refused: the key stands for a real official's certificate and is made on purpose
    (`balai document init-signer`), never by the first letter a case happens to issue."""
    if not create and not keystore.official_key_exists(office_code=issuer.key_code):
        raise DocumentError(
            "signer_not_configured",
            _(
                "Kunci tanda tangan elektronik %(official)s belum disiapkan. Hubungi admin "
                "kabupaten untuk menyiapkannya."
            )
            % {"official": issuer.official},
        )
    return LocalSigner(office_code=issuer.key_code, common_name=issuer.official)
