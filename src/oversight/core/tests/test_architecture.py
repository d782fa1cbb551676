"""The layers of CONTRIBUTING.md, checked: an AST walk over every module of `oversight`.

- Views and API modules reach protected rows only through their app's `access.py`.
- Writes (a `status`/`state` assignment, `.save()`, `.delete()`, `.create()` and their
  kin on the ORM) and audit entries happen only in `actions` modules.

The protected models and the few legitimate exceptions are declared once, below, each
exception with its reason. The floors (who may import whom) are import-linter's
contracts in pyproject.toml.
"""

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]

# Rows a person may see only by role or ownership: reached only through `access.py`.
PROTECTED_MODELS = frozenset(
    {
        "oversight.licensing.models.Application",
        "oversight.licensing.models.Licence",
        # casework: the exporter's requests and the officers' advice (#14 §3-4)
        "oversight.licensing.models.RulingRequest",
        "oversight.licensing.models.CatchAllNotification",
        "oversight.licensing.models.Question",
        "oversight.licensing.models.Advice",
        "oversight.licensing.models.Queue",
        "oversight.licensing.models.LicenceCondition",  # the evidence is not public
        "oversight.licensing.models.SuspensionProposal",
        "oversight.companies.models.MisuseReport",
        "oversight.companies.models.Engagement",  # the company's non-public record, in scope
        "oversight.companies.models.CorrectiveAction",
        "oversight.companies.models.CustomerContract",  # the customers are confidential
        "oversight.companies.models.StageAssessment",  # a draft product's are not public
        "oversight.consultations.models.Comment",  # pending and withheld ones are not public
        "oversight.consultations.models.CommentAttachment",
        "oversight.grievances.models.Report",
        "oversight.grievances.models.Channel",
        "oversight.grievances.models.EvidenceFile",
        "oversight.monitoring.models.Case",
        "oversight.monitoring.models.Communication",
        "oversight.monitoring.models.Victim",
        "oversight.monitoring.models.VictimIdentity",
        "oversight.registry.models.Technology",
        "oversight.registry.models.Transfer",
        "oversight.accounts.models.RoleAssignment",
    }
)

# Module paths (relative to the package) that may break a rule, and why. Nothing else may.
ALLOWED: dict[tuple[str, str], str] = {
    ("core/audit.py", "write"): "the audit log appends its own hash-chained entries",
    ("core/apps.py", "write"): "the audit log's head row, ensured after migrate",
    ("core/ratelimit.py", "write"): "a client's count of requests this minute: bookkeeping "
    "of each request, not a record of anything",
    ("core/fulltext.py", "write"): "the search index follows each public row it copies, "
    "in that row's own transaction",
    ("core/admin.py", "audit"): "Django's admin saves the row; the audited admin logs it",
    ("accounts/admin.py", "audit"): "Django's admin saves the row; the audited admin logs it",
    ("accounts/api_auth.py", "write"): "a token's last-used time, bookkeeping of each request",
    ("grievances/models.py", "write"): "the site salt is made once, on first use: a secret, "
    "not a record of anything",
}

WRITE_METHODS = frozenset(
    {"create", "get_or_create", "update_or_create", "bulk_create", "bulk_update"}
)
STATE_FIELDS = frozenset({"status", "state"})
QUERYSET_STEPS = frozenset(
    {"objects", "_default_manager", "filter", "exclude", "all", "select_for_update", "none"}
)


@dataclass(frozen=True, order=True)
class Breach:
    path: str
    line: int
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: {self.detail}"


def is_actions_module(path: str) -> bool:
    parts = path.split("/")
    return parts[-1] == "actions.py" or "actions" in parts[:-1]


def is_view_or_api_module(path: str) -> bool:
    parts = path.split("/")
    name = parts[-1]
    return (
        "views" in parts[:-1]
        or name.startswith(("views", "api"))
        or name.endswith(("_views.py", "_api.py"))
    )


def _imported_names(tree: ast.Module) -> dict[str, str]:
    """Local name → dotted origin, for `from x import y [as z]` and `import x [as z]`."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.split(".")[0]] = alias.name
    return names


def _dotted(node: ast.expr, names: dict[str, str]) -> str:
    """`models.Application` or `Application` → its dotted origin, as far as imports tell."""
    if isinstance(node, ast.Name):
        return names.get(node.id, node.id)
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value, names)}.{node.attr}"
    return ""


def _protected(node: ast.expr, names: dict[str, str]) -> str | None:
    """The protected model `node` names, also when imported from a models subpackage."""
    dotted = _dotted(node, names)
    for model in PROTECTED_MODELS:
        module, _, name = model.rpartition(".")
        if dotted == model or (dotted.startswith(module + ".") and dotted.endswith("." + name)):
            return model
    return None


def _is_super_call(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"
    )


def _is_queryset(node: ast.expr) -> bool:
    """`M.objects…`, `….filter(…)…`: an ORM expression, not a dict or a form."""
    while isinstance(node, ast.Call | ast.Attribute):
        if isinstance(node, ast.Attribute):
            if node.attr in QUERYSET_STEPS:
                return True
            node = node.value
        else:
            node = node.func
    return False


def _constructed(tree: ast.Module) -> set[int]:
    """`self.x = …` in an `__init__`: an object setting up its own attribute, no transition."""
    found = set()
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef) and function.name == "__init__":
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.value, ast.Name)
                    and node.value.id == "self"
                    and isinstance(node.ctx, ast.Store)
                ):
                    found.add(id(node))
    return found


def _write_calls(tree: ast.Module, names: dict[str, str]) -> Iterator[tuple[int, str, str]]:
    constructed = _constructed(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if id(target) in constructed:
                    continue
                if isinstance(target, ast.Attribute) and target.attr in STATE_FIELDS:
                    yield node.lineno, "state", f"assigns .{target.attr}"
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "setattr" and len(node.args) >= 2:
            field = node.args[1]
            if isinstance(field, ast.Constant) and field.value in STATE_FIELDS:
                yield node.lineno, "state", f"setattr(…, {field.value!r})"
        if not isinstance(func, ast.Attribute) or _is_super_call(func.value):
            continue
        origin = _dotted(func, names)
        if origin == "oversight.core.audit.record":
            yield node.lineno, "audit", "writes an audit entry"
        elif func.attr in WRITE_METHODS or (func.attr in {"save", "delete"} and not node.args):
            yield node.lineno, "write", f".{func.attr}()"
        elif func.attr == "update" and _is_queryset(func.value):
            yield node.lineno, "write", ".update(…) on a queryset"
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and names.get(node.func.id) == "oversight.core.audit.record"
        ):
            yield node.lineno, "audit", "writes an audit entry"


def _manager_reads(tree: ast.Module, names: dict[str, str]) -> Iterator[tuple[int, str, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in {"objects", "_default_manager"}:
            model = _protected(node.value, names)
            if model:
                yield node.lineno, "access", f"{model}.{node.attr} read outside access.py"
        if isinstance(node, ast.Call) and _dotted(node.func, names).endswith(
            ("get_object_or_404", "get_list_or_404")
        ):
            model = _protected(node.args[0], names) if node.args else None
            if model:
                yield node.lineno, "access", f"{model} fetched outside access.py"


RULES = {
    "state": "a status/state is assigned outside an actions module",
    "write": "a row is written outside an actions module",
    "audit": "an audit entry is written outside an actions module",
    "access": "a view or API module reads a protected model's manager",
}


def breaches_in(path: str, source: str) -> list[Breach]:
    """Every breach of the layers in one module, `path` relative to the package."""
    tree = ast.parse(source, filename=path)
    names = _imported_names(tree)
    found: list[tuple[int, str, str]] = []
    if not is_actions_module(path):
        found += _write_calls(tree, names)
    if is_view_or_api_module(path):
        found += _manager_reads(tree, names)
    return sorted(
        {
            Breach(path, line, RULES[rule], detail)
            for line, rule, detail in found
            if (path, rule) not in ALLOWED
        }
    )


def _modules() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "migrations" in parts or "tests" in parts:
            continue  # migrations replay history; tests build their data
        yield path


def all_breaches() -> list[Breach]:
    found: list[Breach] = []
    for path in _modules():
        relative = path.relative_to(PACKAGE).as_posix()
        found += breaches_in(relative, path.read_text(encoding="utf-8"))
    return found


def test_it_finds_no_breach_of_the_layers() -> None:
    found = all_breaches()
    assert not found, "Breaches of the layers (CONTRIBUTING.md):\n" + "\n".join(map(str, found))


def test_it_allows_only_exceptions_that_are_still_needed() -> None:
    used = set()
    for path in _modules():
        relative = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _imported_names(tree)
        for _line, rule, _detail in _write_calls(tree, names):
            used.add((relative, rule))
    assert set(ALLOWED) <= used, f"Unused exceptions: {sorted(set(ALLOWED) - used)}"


# The checker itself, on small modules: each rule fires on its breach and only there.

VIEW = "licensing/views/example.py"


@pytest.mark.parametrize(
    ("path", "source", "rule"),
    [
        (VIEW, "def v(app):\n    app.status = 'approved'\n", "state"),
        (VIEW, "def v(app):\n    setattr(app, 'state', 'x')\n", "state"),
        (VIEW, "def v(app):\n    app.save()\n", "write"),
        (VIEW, "def v(app):\n    app.save(update_fields=['note'])\n", "write"),
        (VIEW, "def v(app):\n    app.delete()\n", "write"),
        ("licensing/alerts.py", "def f(M):\n    M.objects.create(a=1)\n", "write"),
        ("licensing/alerts.py", "def f(M):\n    M.objects.filter(a=1).update(b=2)\n", "write"),
        ("x/handling.py", "from oversight.core import audit\naudit.record('a', None)\n", "audit"),
        ("x/handling.py", "from oversight.core.audit import record\nrecord('a', None)\n", "audit"),
        (
            "licensing/api.py",
            "from oversight.licensing.models import Application\n"
            "def f():\n    return Application.objects.all()\n",
            "access",
        ),
        (
            "licensing/views/pages.py",
            "from oversight.licensing.models.outcomes import Licence\n"
            "def f():\n    return Licence.objects.first()\n",
            "access",
        ),
        (
            "monitoring/views.py",
            "from oversight.monitoring import models\n"
            "def f():\n    return models.Case.objects.get(pk=1)\n",
            "access",
        ),
        (
            "registry/views.py",
            "from django.shortcuts import get_object_or_404\n"
            "from oversight.registry.models import Transfer\n"
            "def f(pk):\n    return get_object_or_404(Transfer, pk=pk)\n",
            "access",
        ),
    ],
)
def test_it_catches_each_kind_of_breach(path: str, source: str, rule: str) -> None:
    found = breaches_in(path, source)
    assert [b.rule for b in found] == [RULES[rule]]
    assert found[0].path == path and found[0].line >= 2


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("licensing/actions/deciding.py", "def f(app):\n    app.status = 'x'\n    app.save()\n"),
        ("grievances/actions.py", "from oversight.core import audit\naudit.record('a', None)\n"),
        ("licensing/reports.py", "def f(image, buffer):\n    image.save(buffer, 'PNG')\n"),
        ("licensing/forms.py", "def f(data, more):\n    data.update(more)\n"),
        ("licensing/forms.py", "def f(values):\n    values.update(a=1)\n"),
        (
            "grievances/crypto.py",
            "class Writer:\n    def __init__(self, s):\n        self.state = s\n",
        ),
        (
            "licensing/models.py",
            "class M:\n    def save(self, **kw):\n        super().save(**kw)\n",
        ),
        (
            "licensing/access.py",
            "from oversight.licensing.models import Application\n"
            "def f():\n    return Application.objects.all()\n",
        ),
        (
            "portal/views.py",
            "from oversight.registry.models import Jurisdiction\n"
            "def f():\n    return Jurisdiction.objects.all()\n",
        ),
    ],
)
def test_it_lets_the_right_places_be(path: str, source: str) -> None:
    assert breaches_in(path, source) == []


def test_it_names_file_line_and_rule() -> None:
    (breach,) = breaches_in(VIEW, "\n\ndef v(app):\n    app.status = 'x'\n")
    assert str(breach) == (
        f"{VIEW}:4: a status/state is assigned outside an actions module: assigns .status"
    )
