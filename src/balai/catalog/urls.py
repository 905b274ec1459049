from django.urls import path

from balai.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.home, name="home"),
    # Agency pages first: "instansi" must never be read as a service code.
    path("instansi/", views.agencies, name="agencies"),
    path("instansi/<slug:code>/", views.agency_detail, name="agency"),
    path("instansi/<slug:code>/maklumat/", views.agency_maklumat, name="maklumat"),
    path("<slug:code>/", views.service_detail, name="service"),
]
