"""oversight backup FILE: a consistent, encrypted backup that carries its audit checkpoint."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.ops import backup


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the database and the file stores to FILE, encrypted "
        "to the operator key (OVERSIGHT_BACKUP_KEY_FILE), carrying its audit checkpoint."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="where to write the backup (must not exist)")

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options["file"])
        if target.exists():
            raise CommandError(f"{target} exists; refusing to overwrite a backup.")
        try:
            key = backup.operator_key(announce=self.stderr.write)
            manifest = backup.write_backup(target, key)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        point = manifest["checkpoint"]
        self.stdout.write(
            f"Backup written to {target}: audit checkpoint {point['count']}:{point['hash']}"
        )
