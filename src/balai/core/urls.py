from django.urls import path

from balai.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("sehat/", views.health, name="health"),
]
