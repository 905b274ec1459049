"""The test suite runs in development mode, said explicitly: without BALAI_ENV Balai starts as
production and refuses to run without its secrets (balai/settings.py)."""

import os

os.environ.setdefault("BALAI_ENV", "development")

from balai.settings import *  # noqa: F403
