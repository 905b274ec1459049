from django.urls import path

from balai.programs import views

app_name = "programs"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("lacak/", views.track, name="track"),
    path("anjungan/", views.kiosk_apply, name="kiosk"),
    path("dasbor/", views.dashboard, name="dashboard"),
    path("permohonan/<str:code>/", views.application_detail, name="application"),
    path("permohonan/<str:code>/tindakan/", views.application_act, name="act"),
    path("<slug:code>/penerima/", views.beneficiaries, name="beneficiaries"),
]
