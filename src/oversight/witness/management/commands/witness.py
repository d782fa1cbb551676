"""oversight witness add URL [--key VKEY] | add-cosigner URL [--key VKEY] | poll | list"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.core import remote
from oversight.witness import access, actions


class Command(BaseCommand):
    help = "Witness other instances' audit logs, and collect the cosignatures of this one's."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="witness the instance at URL (pins its log key)")
        add.add_argument("url")
        add.add_argument("--key", help="its log's verifier key (name+id+key), checked")
        cosigner = sub.add_parser(
            "add-cosigner", help="collect and show the cosignatures URL makes of this log"
        )
        cosigner.add_argument("url")
        cosigner.add_argument("--key", help="its cosigner key (type 0x04), checked")
        sub.add_parser("poll", help="check, cosign and collect (idempotent; run it hourly)")
        sub.add_parser("list", help="the logs witnessed and the cosigners collected from")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "add":
                log = actions.add_log(options["url"], options["key"])
                self.stdout.write(f"witnessing {log.origin} at {log.url}, key {log.key}")
            elif action == "add-cosigner":
                cosigner = actions.add_cosigner(options["url"], options["key"])
                self.stdout.write(f"collecting from {cosigner.name} at {cosigner.url}")
            elif action == "poll":
                self._poll()
            else:
                self._list()
        except remote.RemoteError as error:
            raise CommandError(str(error)) from None

    def _poll(self) -> None:
        outcomes = actions.poll()
        for outcome in outcomes:
            self.stdout.write(str(outcome))
        forks = [o for o in outcomes if o.status == "fork"]
        if forks:
            raise CommandError(f"FORK: {len(forks)} witnessed log(s) signed two histories")

    def _list(self) -> None:
        for watched in access.witnessed_logs():
            log = watched.log
            state = "FORKED" if log.forked else f"size {log.size}"
            self.stdout.write(f"witness of {log.origin} at {log.url}: {state} {log.error}")
        for found in access.witnesses_of(-1, ""):
            latest = found.latest.size if found.latest else "nothing yet"
            self.stdout.write(f"cosigner {found.cosigner.name} at {found.cosigner.url}: {latest}")
