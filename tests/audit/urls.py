"""The project's URLs with the audit pages mounted, as balai/urls.py will mount them."""

from django.urls import include, path

from balai.urls import urlpatterns as project

urlpatterns = [*project, path("audit/", include("balai.audit.urls"))]
