"""The import contracts of pyproject.toml catch what they promise to catch.

Each test copies the package's Python files, plants one breach and runs `lint-imports`
with the project's own contracts on the copy: the floors must break on an upward import
and on an import between two apps of one floor, the acyclic contract on a module cycle.
The unbroken copy passes, so a failure here is the breach, not the set-up.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
PACKAGE = ROOT / "src" / "oversight"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    top = tmp_path_factory.mktemp("floors")
    shutil.copytree(
        PACKAGE,
        top / "src" / "oversight",
        ignore=shutil.ignore_patterns("data", "templates", "static", "*.pyc", "__pycache__"),
    )
    shutil.copy(ROOT / "pyproject.toml", top / "pyproject.toml")
    return top


def lint(top: Path, breach: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the contracts on a copy of `top` with each file of `breach` added or extended."""
    planted = top.parent / f"{top.name}-{len(list(top.parent.iterdir()))}"
    shutil.copytree(top, planted)
    for path, line in breach.items():
        target = planted / "src" / "oversight" / path
        old = target.read_text() if target.exists() else ""
        target.write_text(old + "\n" + line + "\n")
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=planted,
        env={"PYTHONPATH": str(planted / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_keeps_the_contracts_on_the_package_as_it_is(copy: Path) -> None:
    result = lint(copy, {})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("breach", "contract"),
    [
        ({"core/rules.py": "import oversight.licensing.rules"}, "Floors"),
        ({"registry/rules.py": "from oversight.monitoring import models"}, "Floors"),
        ({"companies/rules.py": "import oversight.monitoring.rules"}, "Floors"),
        (
            {
                "companies/rules.py": "from oversight.companies import signals",
                "companies/signals.py": "from oversight.companies import rules",
            },
            "No module cycles",
        ),
    ],
    ids=["upward-from-core", "upward-from-registry", "same-floor", "cycle-in-an-app"],
)
def test_it_breaks_a_contract_on_each_kind_of_breach(
    copy: Path, breach: dict[str, str], contract: str
) -> None:
    result = lint(copy, breach)
    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if " BROKEN" in line]
    assert any(line.startswith(contract) for line in broken), result.stdout
