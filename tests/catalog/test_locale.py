"""The catalog speaks Bahasa Indonesia by default and English from its own catalogue."""

from __future__ import annotations

from django.utils import translation

from balai.catalog.choices import Channel, LifeEvent, SlaUnit, VersionStatus
from balai.workflow.choices import Office


def test_labels_in_both_languages():
    with translation.override("id"):
        assert str(LifeEvent.KELAHIRAN.label) == "Kelahiran"
    with translation.override("en"):
        assert str(LifeEvent.KELAHIRAN.label) == "Birth"
        assert str(Channel.KIOSK.label) == "Self-service kiosk"
        assert str(SlaUnit.WORKING_DAYS.label) == "working days"
        assert str(VersionStatus.SUPERSEDED.label) == "Superseded"
        assert str(Office.APPLICANT_DISTRICT.label) == "The applicant's district office"
