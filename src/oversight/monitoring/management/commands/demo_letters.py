"""oversight demo_letters: the working group's letters about the demo cases, by the real
actions. Idempotent. Run by `oversight demo` after the users (the analyst sends them).

- an allegation letter to Mexico about Pegasus cases, answered, the reply assessed;
- an urgent appeal to the United Arab Emirates, its reply overdue;
both made public in their reporting window, as the special procedures publish them.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from oversight.accounts.models import User
from oversight.monitoring import actions
from oversight.monitoring.models import Case, Communication
from oversight.registry.models import Jurisdiction

SUBJECTS = {
    "MX": "Demo: alleged use of Pegasus spyware against journalists and defenders",
    "AE": "Demo: urgent appeal on the surveillance of a detained human rights defender",
}


class Command(BaseCommand):
    help = "Send the demo's communications and record a reply (OVERSIGHT_DEMO=1 only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO:
            raise CommandError("demo_letters is demo-only: run it with OVERSIGHT_DEMO=1.")
        analyst = User.objects.get(username="demo-analyst")
        today = timezone.localdate()
        letters = []
        for code, kind, weeks in (("MX", "AL", 16), ("AE", "UA", 12)):
            letter = Communication.objects.filter(subject=SUBJECTS[code]).first()
            if letter is None:
                state = Jurisdiction.objects.get(code=code)
                values = {
                    "kind": kind,
                    "joint": True,
                    "mandates": ["sr_expression", "sr_privacy"],
                    "addressee_kind": "state",
                    "addressee_state": state,
                    "sent_on": today - timedelta(weeks=weeks),
                    "subject": SUBJECTS[code],
                }
                cases = Case.objects.published().filter(country=state).order_by("pk")[:3]
                letter = actions.send_communication(values, list(cases), actor=analyst)
            letters.append(letter)
        answered = letters[0]
        if not answered.replies.exists():
            reply = {
                "received_on": answered.sent_on + timedelta(weeks=7),
                "summary": "The State says an inquiry is under way; it gives no dates.",
                "assessment": "partial",
                "assessment_note": "It answers on the inquiry, not on the safeguards asked for.",
            }
            actions.record_reply(answered, reply, actor=analyst)
        start = min(letter.sent_on for letter in letters)
        if any(letter.published_on is None for letter in letters):
            actions.publish_communications(start, today, actor=analyst)
        for letter in Communication.objects.filter(subject__in=SUBJECTS.values()):
            self.stdout.write(f"{letter.reference}  replies: {letter.reply_count}")
