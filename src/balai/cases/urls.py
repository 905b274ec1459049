from django.urls import path

from balai.cases import counter_views, views

app_name = "cases"
urlpatterns = [
    path("lacak/", views.track, name="track"),
    path("loket/", counter_views.counter, name="counter"),
    path("loket/ajukan/", counter_views.counter_submit, name="counter_submit"),
    path("loket/pratinjau/", counter_views.counter_preview, name="counter_preview"),
    path("kotak-masuk/", views.inbox, name="inbox"),
    path("kotak-masuk/aksi/", views.inbox_bulk, name="inbox_bulk"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/aksi/", views.act, name="act"),
    path("<int:pk>/tanda-terima/", views.receipt, name="receipt"),
    path("<int:pk>/lampiran/", views.attach, name="attach"),
    path("<int:pk>/lampiran/<int:attachment_id>/", views.attachment_file, name="attachment"),
    path("<int:pk>/persyaratan/ditunjukkan/", views.requirement_shown, name="requirement_shown"),
]
