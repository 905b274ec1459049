from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from balai.api import api
from balai.core import views as core_views

handler404 = "balai.core.views.not_found"
handler500 = "balai.core.views.server_error"

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
# Uploaded files (/media/) are never served as such, not even in development: attachments and
# documents go out only through views that check the viewer and audit the read.

# Last of all: an address nothing answers gets Balai's 404, also with DEBUG on. Only paths
# ending in "/", so APPEND_SLASH still sends "/permohonan" on to "/permohonan/".
# A last segment with a dot (a file name such as /media/ktp.pdf) is not taken either, so it is
# not redirected to a slashed address but answered 404 at once.
urlpatterns.append(re_path(r"^(?P<path>(?:.*/)?[^/.]*/)$", core_views.unmatched))
