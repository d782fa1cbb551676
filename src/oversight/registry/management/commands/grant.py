"""oversight grant USERNAME ROLE [--jurisdiction CODE | --organisation SLUG]

In the registry, not in accounts: a scope is a registry row, and accounts sits below it.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.accounts import actions
from oversight.accounts.models import Role, User
from oversight.accounts.rules import scope_problems
from oversight.registry.models import Jurisdiction, Organisation

OPTION = {"jurisdiction": "--jurisdiction CODE", "organisation": "--organisation SLUG"}


class Command(BaseCommand):
    help = "Grant a role to a user, in the scope the role takes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("role", help="One of: " + ", ".join(Role.values))
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument(
            "--jurisdiction", metavar="CODE", help="e.g. GB (for officers, reviewers)"
        )
        scope.add_argument("--organisation", metavar="SLUG", help="e.g. demo-exporter")

    def handle(self, *args: Any, **options: Any) -> None:
        role, code, slug = options["role"], options["jurisdiction"], options["organisation"]
        if role not in Role.values:
            raise CommandError(f"Unknown role {role!r}; choose one of: {', '.join(Role.values)}.")
        problems = scope_problems(role, jurisdiction=bool(code), organisation=bool(slug))
        if problems:
            raise CommandError(
                " ".join(f"{p.message} ({OPTION.get(p.field, p.field)})" for p in problems)
            )
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user named {options['username']!r}.")
        jurisdiction = organisation = None
        if code:
            jurisdiction = Jurisdiction.objects.filter(code=code.upper()).first()
            if jurisdiction is None:
                raise CommandError(f"--jurisdiction: no jurisdiction with code {code!r}.")
        if slug:
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation is None:
                raise CommandError(f"--organisation: no organisation with slug {slug!r}.")
        row, created = actions.grant_role(
            user, role, jurisdiction=jurisdiction, organisation=organisation
        )
        self.stdout.write(f"{'Granted' if created else 'Already held'}: {row}")
