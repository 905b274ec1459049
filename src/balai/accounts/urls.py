from django.urls import path

from balai.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.login_view, name="login"),
    path("masuk/kode/", views.code_login_view, name="login_code"),
    path("keluar/", views.logout_view, name="logout"),
]
