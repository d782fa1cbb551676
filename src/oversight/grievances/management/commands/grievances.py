"""oversight grievances channel|escrow|identity|purge|statistics|remind|demo

The escrow (recovery) private key is read from a file the custodian brings for the
one command, and never written anywhere but the file `escrow init` creates.
"""

import base64
import binascii
import os
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.accounts.models import Role, User
from oversight.core.rules import Refused
from oversight.grievances import keyring, rules
from oversight.grievances.actions import custody, handling, keys, retention, submitting
from oversight.grievances.models import Channel, Destination, IdentityRequest, Report, Status
from oversight.registry.management.commands.demo import DEMO_USERS, demo_password
from oversight.registry.models import Organisation


def read_key(path: str) -> bytes:
    try:
        key = base64.b64decode(Path(path).read_text().strip(), validate=True)
    except (OSError, binascii.Error, ValueError) as exc:
        raise CommandError(f"--key-file: cannot read a key from {path}: {exc}") from exc
    if len(key) != 32:
        raise CommandError(f"--key-file: {path} does not hold a 32-byte key.")
    return key


def write_key(path: str, key: bytes) -> None:
    target = Path(path)
    if target.exists():
        raise CommandError(f"--out: {path} exists; refusing to overwrite a key.")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(base64.b64encode(key).decode() + "\n")


def channel_of(slug: str) -> Channel:
    channel = Channel.objects.filter(slug=slug).first()
    if channel is None:
        raise CommandError(f"No channel {slug!r}.")
    return channel


class Command(BaseCommand):
    help = "Grievance channels, the custodian's escrow tools, and the daily jobs."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="command", required=True)
        create = sub.add_parser("channel", help="Create a channel for an organisation.")
        create.add_argument("slug")
        create.add_argument("--organisation", required=True, metavar="SLUG")
        create.add_argument("--name", required=True)
        create.add_argument("--kind", required=True, choices=Destination.values)
        create.add_argument("--default", action="store_true", help="the channel of /report/")
        create.add_argument("--retention-days", type=int, default=365)
        create.add_argument("--response-days", type=int, default=30)
        escrow = sub.add_parser(
            "escrow", help="init KEY FILE, or reseal when every holder of the channel key lost it."
        )
        escrow.add_argument("action", choices=["init", "reseal"])
        escrow.add_argument("channel")
        escrow.add_argument("--out", help="init: where to write the private key (keep offline)")
        escrow.add_argument(
            "--key-file",
            help="reseal: the escrow private key (recovery: no holder of the key left)",
        )
        escrow.add_argument("--rotate", action="store_true")
        identity = sub.add_parser("identity", help="list, approve or refuse identity requests.")
        identity.add_argument("action", choices=["list", "approve", "refuse"])
        identity.add_argument("target", help="channel slug (list) or request id")
        identity.add_argument("--key-file", required=True)
        for name in ("purge", "statistics", "remind", "demo"):
            sub.add_parser(name)

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"do_{options['command']}")(options)

    def do_channel(self, options: dict[str, Any]) -> None:
        org = Organisation.objects.filter(slug=options["organisation"]).first()
        if org is None:
            raise CommandError(f"--organisation: no organisation {options['organisation']!r}.")
        channel, created = custody.create_channel(
            options["slug"],
            org,
            name=options["name"],
            kind=options["kind"],
            is_default=options["default"],
            retention_days=options["retention_days"],
            response_days=options["response_days"],
        )
        self.stdout.write(f"{'Created' if created else 'Exists'}: {channel.slug}")

    def do_escrow(self, options: dict[str, Any]) -> None:
        channel = channel_of(options["channel"])
        try:
            if options["action"] == "init":
                if not options["out"]:
                    raise CommandError("escrow init needs --out FILE.")
                if Path(options["out"]).exists():
                    raise CommandError(f"--out: {options['out']} exists; refusing to overwrite.")
                key = custody.init_escrow(channel, rotate=options["rotate"])
                write_key(options["out"], key)
                self.stdout.write(f"Recovery key written to {options['out']}: move it offline.")
            else:
                if not options["key_file"]:
                    raise CommandError("escrow reseal needs --key-file FILE.")
                names = custody.reseal(channel, read_key(options["key_file"]))
                self.stdout.write(
                    f"New key of {channel.slug}, holding all its reports, given to: "
                    f"{', '.join(names) or 'nobody (no handler has unlocked yet)'}."
                )
        except Refused as exc:
            raise CommandError(" ".join(exc.verdict.messages)) from exc

    def do_identity(self, options: dict[str, Any]) -> None:
        key = read_key(options["key_file"])
        try:
            if options["action"] == "list":
                for pending in IdentityRequest.objects.filter(
                    report__assignments__channel=channel_of(options["target"]),
                    state=IdentityRequest.State.PENDING,
                ):
                    reason = custody.reason_of(pending, key)
                    self.stdout.write(
                        f"#{pending.pk} {pending.report} by {pending.requested_by}: {reason}"
                    )
                return
            request = IdentityRequest.objects.filter(pk=int(options["target"])).first()
            if request is None:
                raise CommandError(f"No identity request #{options['target']}.")
            custody.decide_identity(request, key, approve=options["action"] == "approve")
        except Refused as exc:
            raise CommandError(" ".join(exc.verdict.messages)) from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Request #{request.pk}: {request.state}.")

    def do_purge(self, options: dict[str, Any]) -> None:
        reports, files = retention.purge()
        wiped = retention.clear_retry_boxes()
        rows = retention.rebuild_statistics()
        self.stdout.write(
            f"Purged {reports} reports and {files} files; wiped {wiped} retry receipts; "
            f"{rows} statistics rows."
        )

    def do_statistics(self, options: dict[str, Any]) -> None:
        self.stdout.write(f"{retention.rebuild_statistics()} statistics rows.")

    def do_remind(self, options: dict[str, Any]) -> None:
        self.stdout.write(f"{retention.remind()} reminders sent.")

    def do_demo(self, options: dict[str, Any]) -> None:
        if not settings.DEMO:
            raise CommandError("grievances demo is demo-only: run it with OVERSIGHT_DEMO=1.")
        for slug, org, name, kind, default in [
            ("un-working-group", "un-working-group", "UN Working Group (demo)", "un", True),
            (
                "demo-exporter",
                "demo-exporter",
                "Demo Exporter Ltd grievances (demo)",
                "company",
                False,
            ),
        ]:
            spec = {"slug": slug, "organisation": org, "name": name, "kind": kind}
            self.do_channel(
                spec | {"default": default, "retention_days": 365, "response_days": 30}
            )
            if not channel_of(slug).escrow_public_key:
                out = Path(settings.VAR_DIR) / "escrow" / f"{slug}.key"
                if out.exists():  # left by an earlier demo database: it opens nothing here
                    stale = out.with_name(f"{out.name}.stale-{int(time.time())}")
                    out.rename(stale)
                    self.stdout.write(f"Moved an earlier demo's recovery key aside: {stale}")
                self.do_escrow(
                    {"channel": slug, "action": "init", "out": str(out), "rotate": False}
                )
        self._demo_channel_keys()
        self._demo_report()

    def _demo_report(self) -> None:
        """One report taken through its whole handling, by the real actions: received on
        the UN channel, accepted, shared with the company (the complainant consented), a
        remedy offered, accepted and provided, closed as resolved. Skipped once done."""
        handler = User.objects.filter(username="demo-handler").first()
        if handler is None or not handler.check_password(demo_password(handler.username)):
            return
        channel = channel_of("un-working-group")
        nonce = "demo-grievance-report-0001"
        report, receipt = submitting.existing_receipt(nonce) or submitting.submit_report(
            submitting.Submission(
                channel=channel,
                nonce=nonce,
                answers={
                    "what_happened": "Demo: after I reported on a land dispute, my phone "
                    "showed signs of spyware; a forensic check found traces.",
                    "rights": ["privacy", "expression"],
                    "remedy": ["deletion", "non_repetition"],
                },
                identity={},
                country=None,
                category="",
                consents=["company", "un"],
                contact_by_email=False,
                uploads=[],
                keep_original=False,
            )
        )
        if report.status == Status.CLOSED:
            return
        private = keys.unlock(handler, demo_password(handler.username))
        key = keyring.report_key(report, handler, private)
        if key is None:
            return
        if report.status == Status.RECEIVED:
            handling.triage(report, handler, admissible=True)
            company = channel_of("demo-exporter")
            if Channel.objects.accepting().filter(pk=company.pk).exists():
                handling.route(report, handler, key, company)
            handling.message_complainant(
                report, handler, "We have accepted your report and shared it with the "
                "company, as you agreed.", key
            )  # fmt: skip
        remedy = report.remedies.first() or handling.add_remedy(
            report, handler, "deletion", "The company deletes the data its customer collected."
        )
        for step in ("accepted", "provided"):
            remedy.refresh_from_db()
            if remedy.status != "provided" and step in rules.REMEDY_MACHINE[remedy.status]:
                handling.set_remedy_status(remedy, handler, step)
        handling.close(Report.objects.get(pk=report.pk), handler, "resolved")
        if receipt:
            self.stdout.write(f"The demo complainant's receipt (open /report/status/): {receipt}")

    def _demo_channel_keys(self) -> None:
        """The demo handlers unlock once, as a handler's first unlock would: their channels
        get their keys and open to reports. Skipped until the demo users exist."""
        for spec in DEMO_USERS:
            user = User.objects.filter(username=spec.username).first()
            password = demo_password(spec.username)
            if spec.role != Role.GRIEVANCE_HANDLER or user is None:
                continue
            if not user.check_password(password):  # changed by its user: they unlock it
                continue
            keys.unlock(user, password)
        opened = ", ".join(c.slug for c in Channel.objects.accepting()) or "none yet"
        self.stdout.write(f"Channels open to reports: {opened}.")
