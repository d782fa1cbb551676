"""oversight demo_vulnerabilities: the demo agency's vulnerabilities and the board's decisions.

Runs the real actions as `demo-agency` (who records) and `demo-equities` (the United
Kingdom's equities board, who decides), then publishes the yearly figures. Idempotent:
a vulnerability is known by the agency's reference, and one already decided is left as
it is. Needs the demo users first: `oversight demo` runs it after creating them.
Every product and vendor is made up.
"""

from datetime import date, timedelta
from typing import Any, NamedTuple

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from oversight.accounts.models import User
from oversight.registry.models import Organisation
from oversight.vulnerabilities import actions, rules
from oversight.vulnerabilities.models import Decision, Status, Vulnerability

HIGH = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
PHONE = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H"
LOCAL = "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N"
FOUR = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
BROKER = "Demo Exploit Brokers Ltd (demo)"


class Demo(NamedTuple):
    ref: str
    product: str
    vector: str
    source: str
    found_on: date
    outcome: str = ""  # "" awaits the board
    disclosed_on: date | None = None
    fixed_on: date | None = None


D, R = Decision.Outcome.DISCLOSE, Decision.Outcome.RESTRICT
MAIL, PHONE_OS, ROUTER = (
    "Demo Mail Server 4 (demo)",
    "Demo Phone OS 17 (demo)",
    "Demo Router (demo)",
)
VULNERABILITIES = [
    # 2024: three, so the year shows only that it had fewer than five.
    Demo("DPA-2024-01", MAIL, HIGH, "reported", date(2024, 3, 4), D, date(2024, 3, 20)),
    Demo("DPA-2024-02", ROUTER, LOCAL, "discovered", date(2024, 6, 1), R),
    Demo("DPA-2024-03", PHONE_OS, PHONE, "purchased", date(2024, 9, 9), R),
    # 2025: eleven, six disclosed and five restricted: counted in public.
    Demo("DPA-2025-01", MAIL, HIGH, "reported", date(2025, 1, 13), D, date(2025, 1, 27),
         date(2025, 3, 1)),
    Demo("DPA-2025-02", ROUTER, FOUR, "discovered", date(2025, 2, 3), D, date(2025, 2, 10),
         date(2025, 4, 2)),
    Demo("DPA-2025-03", PHONE_OS, PHONE, "purchased", date(2025, 3, 17), R),
    Demo("DPA-2025-04", MAIL, LOCAL, "discovered", date(2025, 4, 2), D, date(2025, 5, 30),
         date(2025, 7, 14)),
    Demo("DPA-2025-05", PHONE_OS, PHONE, "purchased", date(2025, 5, 5), R),
    Demo("DPA-2025-06", ROUTER, HIGH, "reported", date(2025, 6, 23), D, date(2025, 7, 1),
         date(2025, 8, 19)),
    Demo("DPA-2025-07", PHONE_OS, FOUR, "purchased", date(2025, 7, 8), R),
    Demo("DPA-2025-08", MAIL, HIGH, "discovered", date(2025, 8, 11), D, date(2025, 9, 15)),
    Demo("DPA-2025-09", ROUTER, LOCAL, "discovered", date(2025, 9, 29), R),
    Demo("DPA-2025-10", PHONE_OS, PHONE, "reported", date(2025, 10, 6), D, date(2025, 10, 20)),
    Demo("DPA-2025-11", ROUTER, HIGH, "purchased", date(2025, 11, 24), R),
    # This year: not published until the year is over.
    Demo("DPA-2026-01", PHONE_OS, PHONE, "purchased", date(2026, 1, 19), R),
    Demo("DPA-2026-02", MAIL, HIGH, "reported", date(2026, 2, 2)),
]  # fmt: skip
VENDORS = {MAIL: "Example Mail Co (demo)", PHONE_OS: "Example Phones Inc (demo)",
           ROUTER: "Example Networks GmbH (demo)"}  # fmt: skip
REASONS: dict[str, str] = {
    D: "The product is widely used by the public and by civil society; the risk to them "
    "outweighs any operational value. Disclosed under the board's policy.",
    R: "Needed for an authorised, necessary and proportionate operation; no evidence of "
    "exploitation by others. To be reviewed, and disclosed if that changes.",
}


class Command(BaseCommand):
    help = "Record the demo agency's vulnerabilities and the board's decisions (demo only)."

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Organisation.objects.get(slug="demo-agency")
        official = User.objects.filter(username="demo-agency").first()
        board = User.objects.filter(username="demo-equities").first()
        if official is None or board is None:
            raise CommandError("Run `oversight demo`: it creates the demo users first.")
        today = timezone.localdate()
        created = 0
        with transaction.atomic():
            for item in VULNERABILITIES:
                if item.found_on > today:
                    continue
                created += self._one(agency, item, official, board, today)
            changed = actions.publish_statistics(today)
        self.stdout.write(
            f"vulnerabilities: {created} recorded, {changed} years of statistics published"
        )

    def _one(
        self, agency: Organisation, item: Demo, official: User, board: User, today: date
    ) -> int:
        existing = Vulnerability.objects.filter(agency=agency, agency_reference=item.ref).first()
        if existing is not None:
            return 0
        record = rules.Record(
            agency_reference=item.ref,
            product=item.product,
            vendor=VENDORS[item.product],
            cvss_vector=item.vector,
            source=item.source,
            broker=BROKER if item.source == "purchased" else "",
            found_on=item.found_on,
        )
        vulnerability = actions.record_vulnerability(agency, record, actor=official)
        if item.outcome:
            review = today + timedelta(days=90) if item.outcome == R else None
            actions.decide(
                vulnerability,
                outcome=item.outcome,
                reasons=REASONS[item.outcome],
                review_by=review,
                disclosed_on=item.disclosed_on,
                actor=board,
            )
        if item.disclosed_on is not None:
            vulnerability.refresh_from_db()
            assert vulnerability.status == Status.DISCLOSED
            actions.record_progress(
                vulnerability,
                vendor_acknowledged_on=item.disclosed_on + timedelta(days=2),
                fixed_on=item.fixed_on,
                fix_reference="version 4.2.1 (demo)" if item.fixed_on else "",
                actor=official,
            )
        return 1
