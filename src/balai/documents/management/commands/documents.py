"""`balai documents init-ca`: the same command as `balai document`, under its plural name."""

from balai.documents.management.commands.document import Command  # noqa: F401
