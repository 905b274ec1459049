from django.urls import path

from balai.notifications import views

app_name = "notifications"
urlpatterns = [
    path("demo/", views.demo_inbox, name="demo_inbox"),
    path("webhook/<str:provider>/", views.delivery_webhook, name="webhook"),
]
