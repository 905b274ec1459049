from django.urls import path

from balai.documents import staff_views, views

app_name = "documents"
urlpatterns = [
    path("", staff_views.office_documents, name="list"),
    path("<int:pk>/", staff_views.detail, name="detail"),
    path("<int:pk>/berkas/", staff_views.signed_file, name="file"),
    path("<int:pk>/cabut/", staff_views.revoke, name="revoke"),
    path("permohonan/<int:case_pk>/<int:pk>/berkas/", staff_views.case_file, name="case_file"),
    path(
        "permohonan/<int:case_pk>/<int:pk>/terbit-ulang/",
        staff_views.case_reissue,
        name="case_reissue",
    ),
    path("agenda/<str:code>/<int:year>/", staff_views.register, name="register"),
    path(
        "agenda/<str:code>/<int:year>/unduh.xlsx",
        staff_views.register_export,
        name="register_xlsx",
    ),
    path("verifikasi/", views.verify, name="verify"),
    path("verifikasi/berkas/", views.verified_file, name="verified_file"),
]
