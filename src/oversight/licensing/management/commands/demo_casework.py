"""oversight demo_casework: GB's casework set-up and a few rulings and notifications.

Run by `oversight demo` after `demo_licensing`. Idempotent: every step looks for what
it would make first, and the set-up actions write only what changed.

- Teams: GB's cyber-surveillance team (demo-officer) and its senior officers
  (demo-officer-senior, who countersigns).
- Queues and routing: red-flag matches and high-risk destinations to "High risk",
  everything else to "Routine"; the open demo applications are routed.
- Countersigning: one step, the head of licensing (refusals; approvals to high-risk
  destinations).
- A classification ruling answered (and published), one waiting; a catch-all
  notification decided "licence required", one waiting.
"""

from typing import Any

from django.core.management.base import BaseCommand

from oversight.accounts.models import User
from oversight.licensing.actions import casework as work
from oversight.licensing.actions import rulings
from oversight.licensing.models import CatchAllNotification, RulingRequest
from oversight.licensing.models.rulings import CatchAllState, RulingState
from oversight.registry.models import Jurisdiction, Organisation, Technology

OFFICER, SENIOR, MEMBER = "demo-officer", "demo-officer-senior", "demo-company"


def _set_up(gb: Jurisdiction) -> None:
    officer, senior = User.objects.get(username=OFFICER), User.objects.get(username=SENIOR)
    team = work.set_up_team(gb, "gb-cyber", "Cyber-surveillance team", actor=None)
    heads = work.set_up_team(gb, "gb-senior", "Senior licensing officers", actor=None)
    work.add_team_member(team, officer, countersigner=False, actor=None)
    work.add_team_member(heads, senior, countersigner=True, actor=None)
    high = work.set_up_queue(team, "gb-high-risk", "High risk", target_days=30, actor=None)
    routine = work.set_up_queue(team, "gb-routine", "Routine", target_days=15, actor=None)
    work.set_countersign_step(gb, 1, heads, "Head of licensing", actor=None)
    rules: list[tuple[int, str, dict[str, Any], Any]] = [
        (10, "Red-flag matches", {"red_flag_matches": 1}, high),
        (20, "High-risk destination", {"high_risk": True}, high),
        (99, "Everything else", {}, routine),
    ]
    for order, name, conditions, queue in rules:
        work.set_routing_rule(gb, order, name, conditions, queue, actor=None)


def _rulings(exporter: Organisation) -> None:
    member, officer = User.objects.get(username=MEMBER), User.objects.get(username=OFFICER)
    asked = [
        {
            "item_name": "Demo Packet Broker P1",
            "description": "Aggregates and filters network traffic for monitoring tools; "
            "no decryption, no content analysis.",
            "technical_specs": "4 x 100 Gbit/s ports; header filtering only.",
            "confidential_details": "Prospective customer: a Gulf telecoms operator (demo).",
        },
        {
            "item_name": "Demo Lawful Intercept Mediation M2",
            "description": "Mediates intercepted traffic between operators and agencies.",
            "technical_specs": "ETSI LI handover interfaces.",
            "confidential_details": "Price on request (demo).",
        },
    ]
    for values in asked:
        row = RulingRequest.objects.filter(
            exporter=exporter, item_name=values["item_name"]
        ).first()
        if row is None:
            row = rulings.request_ruling(exporter, values, actor=member)
        if values is asked[0] and row.state == RulingState.REQUESTED:
            rulings.answer_ruling(
                row,
                controlled=False,
                control_entry="",
                reasoning="Header filtering without interception or analysis of content is "
                "not listed in 5.A.1.j; the catch-all of Art. 5 may still apply.",
                actor=officer,
            )


def _catch_alls(exporter: Organisation) -> None:
    member, officer = User.objects.get(username=MEMBER), User.objects.get(username=OFFICER)
    vault = Technology.objects.filter(slug="demo-vault-z", vendor=exporter).first()
    if vault is None:
        return
    notes = [
        ("EG", "Interior Ministry", "Press reports name the end user in the surveillance of "
         "journalists (demo).", True),
        ("BH", "", "The distributor asked for the key escrow feature (demo).", False),
    ]  # fmt: skip
    for code, end_user, concern, decide in notes:
        if not Jurisdiction.objects.filter(code=code).exists():
            continue
        row = CatchAllNotification.objects.filter(
            exporter=exporter, technology=vault, destination_id=code
        ).first()
        if row is None:
            values = {"technology": vault, "destination_id": code, "end_user": end_user,
                      "concern": concern}  # fmt: skip
            row = rulings.notify_catch_all(exporter, values, actor=member)
        if decide and row.state == CatchAllState.NOTIFIED:
            rulings.decide_catch_all(
                row,
                licence_required=True,
                reasons=["A risk of use for internal repression: a licence is required."],
                actor=officer,
            )


class Command(BaseCommand):
    help = "GB's demo teams, queues, routing rules, countersigning chain, rulings (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        gb = Jurisdiction.objects.filter(code="GB").first()
        exporter = Organisation.objects.filter(slug="demo-exporter").first()
        if gb is None or exporter is None:
            self.stderr.write("GB or demo-exporter is missing: run demo_registry first.")
            return
        _set_up(gb)
        _rulings(exporter)
        _catch_alls(exporter)
        self.stdout.write("casework: GB queues, routing, countersigning, rulings, catch-all")
