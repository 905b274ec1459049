from django.urls import path

from balai.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.home, name="home"),
    path("layanan/", views.public_index, name="public_index"),
    path("layanan/<slug:code>/", views.public_service, name="public_service"),
    path("<slug:kind>/<str:key>/", views.dashboard_page, name="dashboard"),
    path("<slug:kind>/<str:key>/unduh.csv", views.export_csv, name="export_csv"),
    path("<slug:kind>/<str:key>/unduh.xlsx", views.export_xlsx, name="export_xlsx"),
]
