from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from balai.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
urlpatterns += i18n_patterns(
    path("", include("balai.core.urls")),
    path("akun/", include("balai.accounts.urls")),
    path("penduduk/", include("balai.people.urls")),
    path("warga/", include("balai.citizens.urls")),
    path("wilayah/", include("balai.regions.urls")),
    path("permohonan/", include("balai.cases.urls")),
    path("pembayaran/", include("balai.payments.urls")),
    path("layanan/", include("balai.catalog.urls")),
    path("suara/", include("balai.feedback.urls")),
    path("dokumen/", include("balai.documents.urls")),
    path("antrian/", include("balai.queueing.urls")),
    path("anjungan/", include("balai.kiosk.urls")),
    path("jemput-bola/", include("balai.outreach.urls")),
    path("audit/", include("balai.audit.urls")),
    path("dasbor/", include("balai.insights.urls")),
    path("notifikasi/", include("balai.notifications.urls")),
    path("program/", include("balai.programs.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
