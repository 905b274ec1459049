from django.urls import path

from balai.outreach import views

app_name = "outreach"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("templat.xlsx", views.template_download, name="template"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/beritahu/", views.event_notify_view, name="notify"),
    path("<int:pk>/daftar/", views.intake, name="intake"),
    path("<int:pk>/impor/", views.import_view, name="import"),
    path("<int:pk>/kirim/", views.batch_view, name="batch"),
    path("<int:pk>/kirim/progres/", views.batch_progress, name="progress"),
    path("<int:pk>/cetak/<int:part>/", views.batch_print, name="print"),
    path("<int:pk>/laporan/", views.report, name="report"),
]
