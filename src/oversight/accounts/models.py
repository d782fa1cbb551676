"""Users, roles scoped to a jurisdiction or an organisation, API tokens, login throttling."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LICENSING_OFFICER = "licensing_officer", _("Licensing officer")
    HUMAN_RIGHTS_REVIEWER = "human_rights_reviewer", _("Human rights reviewer")
    COMPANY_MEMBER = "company_member", _("Company member")
    AGENCY_OFFICIAL = "agency_official", _("Agency official")
    OVERSIGHT_MEMBER = "oversight_member", _("Oversight body member")
    GRIEVANCE_HANDLER = "grievance_handler", _("Grievance handler")
    ANALYST = "analyst", _("Working-group analyst")
    AUDITOR = "auditor", _("Independent auditor")
    STANDARDS_MEMBER = "standards_member", _("Standards body member")
    EQUITIES_BOARD = "equities_board", _("Vulnerabilities equities board member")
    ADMINISTRATOR = "administrator", _("Administrator")


# What each role is scoped to: a jurisdiction, an organisation, or the whole deployment.
JURISDICTION_ROLES = frozenset(
    {Role.LICENSING_OFFICER, Role.HUMAN_RIGHTS_REVIEWER, Role.EQUITIES_BOARD}
)
# A grievance handler works the inbox of the channels their organisation owns.
ORGANISATION_ROLES = frozenset(
    {
        Role.COMPANY_MEMBER,
        Role.AGENCY_OFFICIAL,
        Role.OVERSIGHT_MEMBER,
        Role.AUDITOR,
        Role.STANDARDS_MEMBER,
        Role.GRIEVANCE_HANDLER,
    }
)
GLOBAL_ROLES = frozenset({Role.ADMINISTRATOR, Role.ANALYST})


class User(AbstractUser):
    """A staff or organisation user. Complainants never have accounts."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def of(self, user: User, role: str) -> "RoleAssignmentQuerySet":
        return self.filter(user=user, role=role)


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=30, choices=Role)
    jurisdiction = models.ForeignKey(
        "registry.Jurisdiction",
        verbose_name=_("jurisdiction"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            # One partial index per kind of scope: enforced on SQLite and PostgreSQL
            # alike (SQLite ignores nulls_distinct=False).
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(jurisdiction__isnull=True, organisation__isnull=True),
                name="unique_global_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "jurisdiction"],
                condition=Q(jurisdiction__isnull=False),
                name="unique_jurisdiction_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=Q(organisation__isnull=False),
                name="unique_organisation_role",
            ),
            models.CheckConstraint(
                condition=~(Q(jurisdiction__isnull=False) & Q(organisation__isnull=False)),
                name="role_has_one_scope",
            ),
        ]

    def __str__(self) -> str:
        scope = self.jurisdiction_id or (self.organisation and self.organisation.name) or "all"
        return f"{self.user} · {self.get_role_display()} · {scope}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class APIToken(models.Model):
    """A bearer token for the API; only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_secret() -> str:
        # Hex, so the printed prefix never starts with "-" (argparse would read an option).
        return "ovt_" + secrets.token_hex(32)

    @staticmethod
    def prefix_of(token: str) -> str:
        return token[4:12]


class LoginThrottle(models.Model):
    """Failed sign-ins per username and device (never per address: we store no client IPs).

    `device` is the random id in a browser's device cookie (see accounts.throttle), or
    "" for every device that has not signed in as this user before.
    """

    username = models.CharField(max_length=150)
    device = models.CharField(max_length=32, blank=True, default="")
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    locked_since = models.DateTimeField(null=True, blank=True)  # the first lock of this run
    last_failure_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["username", "device"], name="login_throttle_per_device"
            )
        ]

    def __str__(self) -> str:
        return f"{self.username}: {self.failures}"
