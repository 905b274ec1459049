"""`balai document types|issue|verify|init-ca|init-signer`: the documents app from the command
line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from balai.catalog.choices import AgencyKind
from balai.documents import keystore
from balai.documents.errors import DocumentError
from balai.documents.issuers import issuer_for
from balai.documents.models import DocumentType
from balai.documents.selectors import document_type_signers, document_types_list
from balai.documents.services import document_issue, document_types_sync
from balai.documents.verification import pdf_verify

_OFFICE_LEVELS = ("village", "district")


class Command(BaseCommand):
    help = "Document types, issuing for a resident, verifying a PDF, creating the office CA."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("types", help="JSON list of {code, name, classification, signers}")
        issue = sub.add_parser("issue", help="issue a document for a resident")
        issue.add_argument("--type", required=True, dest="type_code")
        issue.add_argument("--nik", required=True)
        issue.add_argument("--out", required=True)
        verify = sub.add_parser("verify", help="check a signed PDF; exit 0 only when valid")
        verify.add_argument("file")
        verify.add_argument("--offline", action="store_true", help="skip the revocation check")
        sub.add_parser("init-ca", help="create the office CA and seal key under var/keys/")
        signer = sub.add_parser(
            "init-signer", help="create the signing official's key of an office or agency"
        )
        which = signer.add_mutually_exclusive_group(required=True)
        which.add_argument("--office", help="region code of a village or kecamatan office")
        which.add_argument("--agency", help="agency code")
        which.add_argument(
            "--regency",
            help="every village and kecamatan office of the regency and its regency offices",
        )

        register = sub.add_parser(
            "register", help="an office's outgoing register for a year as XLSX"
        )
        register.add_argument("--office", required=True, help="region code of the office")
        register.add_argument("--year", required=True, type=int)
        register.add_argument("--out", required=True)

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, f"_{action.replace('-', '_')}")(**options)

    def _types(self, **options) -> None:
        if not DocumentType.objects.exists():
            document_types_sync()
        rows = [
            {
                "code": t.code,
                "name": t.name,
                "classification": t.classification_code,
                "signers": document_type_signers(t),
            }
            for t in document_types_list()
        ]
        self.stdout.write(json.dumps(rows, ensure_ascii=False))

    def _issue(self, *, type_code: str, nik: str, out: str, **options) -> None:
        from balai.people.models import Resident

        if not DocumentType.objects.exists():
            document_types_sync()
        document_type = DocumentType.objects.filter(code=type_code).first()
        if document_type is None:
            raise CommandError(f"unknown document type: {type_code}")
        resident = (
            Resident.objects.select_related("village__parent__parent").filter(nik=nik).first()
        )
        if resident is None:
            raise CommandError(f"no resident with NIK {nik}")
        keystore.ca_init()
        try:
            document = document_issue(actor=None, document_type=document_type, resident=resident)
        except DocumentError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        with document.file.open("rb") as signed:
            Path(out).write_bytes(signed.read())
        self.stdout.write(
            json.dumps({"id": document.pk, "number": document.number, "sha256": document.sha256})
        )

    def _verify(self, *, file: str, offline: bool = False, **options) -> None:
        result = pdf_verify(Path(file).read_bytes(), online=not offline)
        self.stdout.write(json.dumps(result, ensure_ascii=False, default=str))
        if not result["valid"]:
            sys.exit(1)

    def _init_signer(
        self, *, office: str | None, agency: str | None, regency: str | None, **options
    ) -> None:
        from balai.catalog.models import Agency
        from balai.regions.models import Level, Region

        issuers = []
        if office:
            found = Region.objects.filter(code=office, level__in=_OFFICE_LEVELS).first()
            if found is None:
                raise CommandError(f"no village or kecamatan with code {office}")
            issuers.append(issuer_for(office=found))
        elif agency:
            found_agency = Agency.objects.select_related("region").filter(code=agency).first()
            if found_agency is None:
                raise CommandError(f"no agency with code {agency}")
            issuers.append(issuer_for(agency=found_agency))
        else:
            if not Region.objects.filter(code=regency, level=Level.REGENCY).exists():
                raise CommandError(f"no regency with code {regency}")
            offices = Region.objects.filter(
                code__startswith=f"{regency}.", level__in=_OFFICE_LEVELS
            ).order_by("code")
            issuers += [issuer_for(office=o) for o in offices]
            agencies = Agency.objects.select_related("region").filter(
                region_id=regency, kind=AgencyKind.REGENCY_OFFICE
            )
            issuers += [issuer_for(agency=a) for a in agencies.order_by("code")]
        created = []
        for issuer in issuers:
            if not keystore.official_key_exists(office_code=issuer.key_code):
                keystore.official_key_ensure(
                    office_code=issuer.key_code, common_name=issuer.official
                )
                created.append(issuer.key_code)
        self.stdout.write(
            json.dumps({"created": len(created), "existing": len(issuers) - len(created)})
        )

    def _init_ca(self, **options) -> None:
        path = keystore.ca_init()
        self.stdout.write(json.dumps({"ca_certificate": str(path)}))

    def _register(self, *, office: str, year: int, out: str, **options) -> None:
        from balai.documents.register_xlsx import register_xlsx
        from balai.documents.selectors import register_entries_all
        from balai.regions.models import Region

        region = Region.objects.filter(code=office).first()
        if region is None:
            raise CommandError(f"unknown office: {office}")
        entries = register_entries_all(office=region, year=year)
        Path(out).write_bytes(register_xlsx(office_name=region.name, year=year, entries=entries))
        self.stdout.write(json.dumps({"office": office, "year": year, "rows": len(entries)}))
