"""The test suite runs in development mode, said explicitly: without BALAI_ENV Balai starts as
production and refuses to run without its secrets (balai/settings.py)."""

import os

os.environ.setdefault("BALAI_ENV", "development")

from balai.settings import *  # noqa: F403

# `balai` commands the tests run in a subprocess read the same environment-driven settings,
# now in development mode; they need not find this file on their path.
os.environ["DJANGO_SETTINGS_MODULE"] = "balai.settings"
