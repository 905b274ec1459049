from django.urls import path

from balai.people import views

app_name = "people"
urlpatterns = [
    path("", views.resident_list, name="resident_list"),
    path("<int:pk>/", views.resident_detail, name="resident_detail"),
    path("keluarga/<int:pk>/", views.family_detail, name="family_detail"),
]
