"""oversight restore FILE --key-file PATH: into an empty instance, then verify the log."""

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.core import audit
from oversight.ops import actions, backup


class Command(BaseCommand):
    help = (
        "Restore a backup into an EMPTY instance (new database, empty file stores), then "
        "check the audit log against the checkpoint the backup carries."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--key-file", required=True, help="the operator key file with its private key"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            key = backup.read_key(Path(options["key_file"]))
            if key.private is None:
                raise CommandError(
                    f"{options['key_file']} holds only the public key: restoring needs the "
                    "private key (the line `private: …`)."
                )
            if not backup.instance_is_empty():
                raise CommandError(
                    "Refusing to restore: this instance is not empty (its database has "
                    "tables or its file stores have files). Restore into a new database."
                )
            with backup.opened(Path(options["file"]), key.private) as (manifest, unpacked):
                backup.restore_database(manifest, unpacked)
                files = backup.restore_files(unpacked)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        call_command("migrate", interactive=False, verbosity=0)  # a backup of an older version
        point = manifest["checkpoint"]
        expect = f"{point['count']}:{point['hash']}"
        call_command("audit", "verify", expect=expect, stdout=self.stdout)
        head = audit.head()
        if (head.count, head.hash) != (point["count"], point["hash"]):
            raise CommandError(
                f"the restored log ends at {head.count}:{head.hash}, not at the backup's "
                f"checkpoint {expect}"
            )
        actions.record_restore(manifest)
        self.stdout.write(
            f"Restored {Path(options['file']).name} ({files} files); its audit log verifies "
            f"against the checkpoint it carries, {expect}."
        )
