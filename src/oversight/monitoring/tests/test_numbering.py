"""Two analysts sending letters to the same State at once never share a reference."""

import os
import subprocess
import sys

import pytest

from oversight.core.tests.test_audit import _database_url
from oversight.monitoring.models import Communication

WRITER = """
import sys, datetime, django
django.setup()
from oversight.monitoring import actions
from oversight.registry.models import Jurisdiction
mexico = Jurisdiction.objects.get(code="MX")
for i in range(int(sys.argv[1])):
    actions.send_communication(
        {"kind": "AL", "joint": False, "mandates": ["sr_privacy"], "addressee_kind": "state",
         "addressee_state": mexico, "sent_on": datetime.date(2026, 3, 1), "subject": sys.argv[2]},
        [], actor=None, actor_label=sys.argv[2],
    )
"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_numbers_concurrent_letters_without_gaps_or_twins() -> None:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "oversight.settings",
    }
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, "10", f"analyst-{n}"], env=env)
        for n in range(4)
    ]
    assert [writer.wait(timeout=120) for writer in writers] == [0, 0, 0, 0]
    references = sorted(Communication.objects.values_list("reference", flat=True))
    assert references == sorted(f"AL MEX {n}/2026" for n in range(1, 41))
