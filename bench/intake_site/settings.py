"""Balai's settings, with the bench URLconf that adds the bare baseline endpoint."""

from balai.settings import *  # noqa: F403

ROOT_URLCONF = "bench.intake_site.urls"
