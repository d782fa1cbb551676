"""Audit actions come from each app's `events.Event`, never from a literal or an f-string.

The values are stored in the log and hashed into its chain, so they are enumerated
once per app (issue 8): a typo or a new action made up at a call site fails here.
The grievances app is left to the grievances work of the same issue.
"""

import ast
import importlib
from enum import StrEnum
from pathlib import Path

import pytest

from oversight.core import audit
from oversight.core.models import AuditEntry

PACKAGE = Path(__file__).resolve().parents[2]
APPS = (
    "accounts",
    "registry",
    "consultations",
    "companies",
    "monitoring",
    "licensing",
    "witness",
)

# Calls that still build their action; each with the reason.
ALLOWED = {
    # The generic admin audits any app's model, third-party ones too; core imports no app.
    "core/admin.py",
}


def _is_record(func: ast.expr) -> bool:
    """audit.record, or licensing's record() wrapper around it."""
    if isinstance(func, ast.Attribute):
        return (
            func.attr == "record" and isinstance(func.value, ast.Name) and func.value.id == "audit"
        )
    return isinstance(func, ast.Name) and func.id == "record"


def _records(tree: ast.AST) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and node.args and _is_record(node.func)
    ]


def _modules() -> list[Path]:
    return [
        path
        for app in (*APPS, "core", "portal")
        for path in (PACKAGE / app).rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def test_it_finds_no_action_written_as_a_string_at_a_call_site() -> None:
    found = []
    for path in _modules():
        where = str(path.relative_to(PACKAGE))
        for call in _records(ast.parse(path.read_text(encoding="utf-8"))):
            action = call.args[0]
            if (
                isinstance(action, ast.Constant | ast.JoinedStr | ast.BinOp)
                and where not in ALLOWED
            ):
                found.append(f"{where}:{call.lineno}")
    assert found == []


def test_it_reads_the_audit_calls_it_checks() -> None:
    """The walk above sees the calls it must see (a check that finds nothing proves nothing)."""
    counted = sum(
        len(_records(ast.parse(path.read_text(encoding="utf-8")))) for path in _modules()
    )
    assert counted >= 40


@pytest.mark.parametrize("app", APPS)
def test_it_enumerates_each_apps_actions_once_under_its_own_name(app: str) -> None:
    event = importlib.import_module(f"oversight.{app}.events").Event
    assert issubclass(event, StrEnum)
    values = [member.value for member in event]
    assert len(values) == len(set(values))
    assert all(value.startswith(f"{app}.") for value in values), values


class Sample(StrEnum):
    RECORDED = "core.sample.recorded"


@pytest.mark.django_db
def test_it_hashes_an_event_exactly_as_the_string_it_stands_for() -> None:
    """Entries written with a string before the enumerations verify with the same chain."""
    entry = audit.record(Sample.RECORDED)
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert type(stored.action) is str and stored.action == "core.sample.recorded"
    assert audit.compute_hash(stored) == entry.hash
