"""Shared test data: the Pegasus file, its mapping, and its victims' names."""

import csv
from pathlib import Path
from typing import Any

from django.core.management import CommandError, call_command

DATA = Path(__file__).resolve().parents[1] / "data" / "pegasus-victims.csv"
MAPPING = [
    "--map", "name=victim_name",
    "--map", "role=victim_group",
    "--map", "operator=operator_country",
    "--map", "sources=source_urls",
    "--map", "affiliation=victim_affiliation",
    "--map", "code_name=victim_code_name",
]  # fmt: skip


def victim_names() -> list[str]:
    with DATA.open(encoding="utf-8") as handle:
        return [row["name"] for row in csv.DictReader(handle) if row["name"].strip()]


def run(*args: Any) -> str:
    """The command's report; an import that accepted nothing fails (exit 1) after it."""
    from io import StringIO

    out = StringIO()
    try:
        call_command(*args, stdout=out, stderr=StringIO())
    except CommandError as error:
        if "nothing was accepted" not in str(error):
            raise
    return out.getvalue()
