from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "balai.workflow"
    label = "workflow"
    verbose_name = "Alur kerja"
