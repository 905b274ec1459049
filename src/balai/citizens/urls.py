from django.urls import path

from balai.citizens import portal, views

app_name = "citizens"

urlpatterns = [
    path("pin/", views.pin_counter, name="pin_counter"),
    path("masuk/", portal.sign_in, name="sign_in"),
    path("masuk/kode/", portal.sign_in_code, name="sign_in_code"),
    path("keluar/", portal.sign_out, name="sign_out"),
    path("permohonan/", portal.my_cases, name="my_cases"),
    path("permohonan/ajukan/", portal.apply, name="apply"),
]
