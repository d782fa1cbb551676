"""oversight token create USERNAME --name NAME | oversight token revoke PREFIX"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.accounts import actions
from oversight.accounts.models import APIToken, User


class Command(BaseCommand):
    help = "Create or revoke API tokens (a new token is printed once, never stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a token for a user and print it once.")
        create.add_argument("username")
        create.add_argument("--name", required=True, help="What the token is for.")
        revoke = sub.add_parser("revoke", help="Revoke the token that starts with PREFIX.")
        revoke.add_argument("prefix", help="The 8 characters after 'ovt_' (or the whole token).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            self._create(options["username"], options["name"])
        else:
            self._revoke(options["prefix"])

    def _create(self, username: str, name: str) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        row, token = actions.issue_token(user, name, actor=None)
        self.stderr.write(f"Token {row.name!r} for {username} (shown once, keep it safe):")
        self.stdout.write(token)

    def _revoke(self, prefix: str) -> None:
        prefix = prefix.removeprefix("ovt_")[:8]
        rows = list(APIToken.objects.filter(prefix=prefix, revoked_at__isnull=True))
        if not rows:
            raise CommandError(f"No active token starts with ovt_{prefix}.")
        if len(rows) > 1:
            raise CommandError(
                f"{len(rows)} active tokens start with ovt_{prefix}; revoke in /admin/."
            )
        actions.revoke_token(rows[0], actor=None)
        self.stdout.write(f"Revoked {rows[0]}.")
