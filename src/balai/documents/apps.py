from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "balai.documents"
    label = "documents"
    verbose_name = "Dokumen"

    def ready(self) -> None:
        from balai.accounts.permissions import register_scope
        from balai.documents.models import (
            AgencyProfile,
            Document,
            DocumentNumberVoid,
            OfficeProfile,
        )

        # A document belongs to the office that issued it (a village or a kecamatan), or to
        # the agency that issued it (its office is then the agency's regency).
        register_scope(Document, region="office_id", agency="agency_id")
        register_scope(DocumentNumberVoid, region="office_id")
        register_scope(OfficeProfile, region="region_id")
        register_scope(AgencyProfile, region="agency__region_id", agency="agency_id")
