"""The `balai` console script: every Django management command, with Balai's settings."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["balai", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
