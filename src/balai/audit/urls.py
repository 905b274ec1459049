from django.urls import path

from balai.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("log/<str:chain>/checkpoint", views.log_checkpoint, name="log_checkpoint"),
    path("log/<str:chain>/kunci", views.log_key, name="log_key"),
    path("log/<str:chain>/konsistensi", views.log_consistency, name="log_consistency"),
]
