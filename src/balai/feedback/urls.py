from django.urls import path

from balai.feedback import complaint_views, views

app_name = "feedback"
urlpatterns = [
    path("survei/<str:token>/", views.survey, name="survey"),
    path("ikm/", views.ikm, name="ikm"),
    path("ikm/unduh.xlsx", views.ikm_download, name="ikm_xlsx"),
    path("ikm/unduh.pdf", views.ikm_download_pdf, name="ikm_pdf"),
    path("pengaduan/", complaint_views.complaint_new, name="complaint_new"),
    path("pengaduan/lacak/", complaint_views.complaint_status, name="complaint_track"),
    path("pengaduan/publik/", complaint_views.complaint_public, name="complaint_public"),
    path("pengaduan/kelola/", complaint_views.complaint_inbox, name="complaint_inbox"),
    path("pengaduan/kelola/ekspor.csv", complaint_views.complaint_export, name="complaint_export"),
    path("pengaduan/kelola/<int:pk>/", complaint_views.complaint_detail, name="complaint_detail"),
    path(
        "pengaduan/kelola/<int:pk>/status/", complaint_views.complaint_move, name="complaint_move"
    ),
]
