from django.urls import path

from balai.documents import views

app_name = "documents"
urlpatterns = [
    path("verifikasi/", views.verify, name="verify"),
    path("verifikasi/berkas/", views.verified_file, name="verified_file"),
]
