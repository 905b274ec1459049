from django.urls import path

from balai.kiosk import manage_views, views

app_name = "kiosk"
urlpatterns = [
    path("", views.home, name="home"),
    path("masuk/", views.sign_in, name="sign_in"),
    path("masuk/kode/", views.sign_in_reader, name="sign_in_reader"),
    path("menu/", views.menu, name="menu"),
    path("layanan/", views.service_list, name="services"),
    path("layanan/<slug:code>/", views.apply, name="apply"),
    path("permohonan/", views.case_list, name="cases"),
    path("permohonan/<int:pk>/", views.case_detail, name="case"),
    path("permohonan/<int:pk>/cetak/", views.case_print, name="case_print"),
    path("permohonan/<int:pk>/tanda-terima/", views.receipt, name="receipt"),
    path("dokumen/", views.document_list, name="documents"),
    path("dokumen/<int:pk>/cetak/", views.document_print, name="document_print"),
    path("dokumen/<int:pk>/lembar/", views.document_sheet, name="document_sheet"),
    path("antrian/", views.queue, name="queue"),
    path("antrian/tiket/", views.ticket, name="ticket"),
    path("nilai/", views.survey, name="survey"),
    path("selesai/", views.done, name="done"),
    path("hidup/", views.keepalive, name="keepalive"),
    path("pasang/", manage_views.enrol, name="enrol"),
    path("kelola/", manage_views.device_list, name="manage"),
    path("kelola/<int:pk>/", manage_views.device_detail, name="manage_detail"),
    path("kelola/<int:pk>/cabut/", manage_views.device_revoke, name="manage_revoke"),
]
