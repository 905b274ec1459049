from django.urls import path

from balai.feedback import views

app_name = "feedback"
urlpatterns = [
    path("survei/<str:token>/", views.survey, name="survey"),
    path("ikm/", views.ikm, name="ikm"),
    path("ikm/unduh.xlsx", views.ikm_download, name="ikm_xlsx"),
]
