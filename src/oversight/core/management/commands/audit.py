"""oversight audit verify [--expect COUNT:HASH] [--remote URL] | head | checkpoint"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.core import audit, remote, tlog
from oversight.core.models import GENESIS_HASH, AuditEntry


class Command(BaseCommand):
    help = "Verify the tamper-evident audit log, or print its head or its published checkpoint."
    requires_system_checks: list[str] = []  # verification must work whatever else is broken

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "head", "checkpoint"])
        parser.add_argument(
            "--expect",
            metavar="COUNT:HASH",
            help="also check that entry COUNT has HASH (a checkpoint you recorded earlier)",
        )
        parser.add_argument(
            "--remote",
            metavar="URL",
            help="check the instance at URL instead: its signed checkpoint, and that it "
            "extends what its witnesses cosigned",
        )
        parser.add_argument("--key", help="with --remote: the log key you expect (a vkey)")
        parser.add_argument(
            "--witness",
            action="append",
            default=[],
            metavar="URL",
            help="with --remote: also ask this witness, whether or not the log lists it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "head":
            head = audit.head()
            self.stdout.write(f"{head.count} {head.hash}")
            return
        if options["action"] == "checkpoint":
            self.stdout.write(tlog.publish().note, ending="")
            return
        if options["remote"]:
            self._verify_remote(options["remote"], options["key"], tuple(options["witness"]))
            return
        verdict = audit.verify()
        if not verdict.ok:
            raise CommandError(f"audit log does NOT verify: {verdict.problem}")
        if options["expect"]:
            self._check_expected(options["expect"])
        self.stdout.write(f"audit log verifies: {verdict.count} entries, head {verdict.head_hash}")

    def _check_expected(self, expect: str) -> None:
        count_text, _, expected_hash = expect.partition(":")
        if not count_text.isdigit() or len(expected_hash) != 64:
            raise CommandError("--expect: give COUNT:HASH, e.g. 120:3fa4…(64 hex digits)")
        if int(count_text) == 0 and expected_hash == GENESIS_HASH:
            return  # the checkpoint of an empty log
        entry = AuditEntry.objects.filter(seq=int(count_text)).first()
        if entry is None or entry.hash != expected_hash.lower():
            raise CommandError(
                f"--expect: entry #{count_text} does not have the hash you recorded: "
                "history was rewritten"
            )

    def _verify_remote(self, url: str, key: str | None, witnesses: tuple[str, ...]) -> None:
        try:
            report = remote.verify_remote(url, key, witnesses)
        except remote.RemoteError as error:
            raise CommandError(f"{url} does NOT verify: {error}") from None
        for line in report.lines:
            self.stdout.write(line)
        if report.problems:
            raise CommandError(f"{url} does NOT verify:\n" + "\n".join(report.problems))
        self.stdout.write(f"{url} verifies")
