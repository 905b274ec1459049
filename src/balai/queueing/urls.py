from django.urls import path

from balai.queueing import views

app_name = "queueing"
urlpatterns = [
    path("papan/<slug:point>/", views.board, name="board"),
    path("papan/<slug:point>/arus/", views.board_stream, name="board_stream"),
    path("papan/<slug:point>/data/", views.board_feed, name="board_feed"),
    path("loket/", views.counters, name="counters"),
    path("loket/<int:pk>/", views.console, name="console"),
    path("loket/<int:pk>/<slug:action>/", views.console_act, name="console_act"),
    path("pesanan/<str:code>/", views.booking, name="booking"),
    path("<slug:point>/ambil/", views.take, name="take"),
    path("<slug:point>/cari/", views.find, name="find"),
    path("<slug:point>/pesan/", views.book, name="book"),
    path("<slug:point>/tiket/<str:code>/", views.ticket, name="ticket"),
    path("<slug:point>/hari-ini/", views.today, name="today"),
]
