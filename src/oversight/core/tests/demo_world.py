"""The demo world for the whole-site tests (API fuzzing, the authorization matrix).

`oversight demo` builds what a reader, a company, an officer, a handler and an
administrator see: registers, cases, companies A (`demo-exporter`, GB) and B
(`demo-exporter-b`, DE), grievance channels with their keys, and applications in
several states. The UK licences are cut to 300 rows to keep it quick.
"""

import shutil
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings

from oversight.registry.management.commands import demo_registry


def build_demo(tmp_path: Path) -> Iterator[None]:
    """Run `oversight demo` into the test database; settings stay demo while in use."""
    data = tmp_path / "data"
    data.mkdir()
    for _kind, name in demo_registry.SHIPPED:
        shutil.copy(demo_registry.DATA_DIR / name, data / name)
    uk = data / "uk-licences-surveillance.csv"
    uk.write_text("".join(uk.read_text().splitlines(keepends=True)[:301]))
    shipped = demo_registry.DATA_DIR
    demo_registry.DATA_DIR = data
    try:
        with override_settings(DEMO=True, VAR_DIR=tmp_path):
            call_command("demo", stdout=StringIO())
            yield
    finally:
        demo_registry.DATA_DIR = shipped
