from django.urls import path

from balai.citizens import views

app_name = "citizens"

urlpatterns = [
    path("pin/", views.pin_counter, name="pin_counter"),
]
