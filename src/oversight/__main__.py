"""The `oversight` command: Django's management commands with our settings preset."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oversight.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["oversight", *sys.argv[1:]])


if __name__ == "__main__":
    main()
