from django.urls import path

from balai.payments import views

app_name = "payments"
urlpatterns = [
    path("permohonan/<int:pk>/tunai/", views.cash, name="cash"),
    path("permohonan/<int:pk>/bebas/", views.waive, name="waive"),
    path("permohonan/<int:pk>/virtual-account/", views.virtual_account, name="va"),
    path("permohonan/<int:pk>/kuitansi/", views.receipt, name="receipt"),
]
