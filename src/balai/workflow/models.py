"""Stored workflow definitions: one row per version; a published service version names one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.workflow.engine import Workflow


class WorkflowDefinition(models.Model):
    code = models.CharField(_("kode"), max_length=60)
    version = models.PositiveIntegerField(_("versi"))
    name = models.CharField(_("nama"), max_length=200)
    # The definition as workflows.yaml gives it; validated by the engine before it is stored
    # and never changed after: a case keeps the version it was filed under.
    definition = models.JSONField(_("definisi"))
    content_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )

    class Meta:
        verbose_name = _("definisi alur kerja")
        verbose_name_plural = _("definisi alur kerja")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="workflow_code_version")
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    @property
    def workflow(self) -> Workflow:
        return Workflow.from_dict(self.definition)
