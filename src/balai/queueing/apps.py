from django.apps import AppConfig


class QueueingConfig(AppConfig):
    name = "balai.queueing"
    label = "queueing"
    verbose_name = "Antrian"
