"""The demo world for the whole-site tests (API fuzzing, the authorization matrix).

`oversight demo` builds what a reader, a company, an officer, a handler and an
administrator see: registers, cases, companies A (`demo-exporter`, GB) and B
(`demo-exporter-b`, DE), grievance channels with their keys, and applications in
several states. The shipped registers are cut (100 UK licences, 150 SII transfers) to
keep it quick. `demo_db` builds it once per test module, in a transaction rolled back
after the module; each test runs in a savepoint inside it.
"""

import json
import shutil
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from oversight.registry.management.commands import demo_registry


def build_demo(tmp_path: Path) -> Iterator[None]:
    """Run `oversight demo` into the test database; settings stay demo while in use."""
    data = tmp_path / "data"
    data.mkdir()
    for _kind, name in demo_registry.SHIPPED:
        shutil.copy(demo_registry.DATA_DIR / name, data / name)
    uk = data / "uk-licences-surveillance.csv"
    uk.write_text("".join(uk.read_text().splitlines(keepends=True)[:101]))
    sii = data / "sii-transfers.json"
    sii.write_text(json.dumps(json.loads(sii.read_text())[:150]))
    shipped = demo_registry.DATA_DIR
    demo_registry.DATA_DIR = data
    try:
        with override_settings(
            DEMO=True,
            VAR_DIR=tmp_path,  # the demo's escrow keys go under var/escrow/
            MEDIA_ROOT=tmp_path / "files",
            GRIEVANCE_FILES_DIR=tmp_path / "grievance-files",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],  # as conftest
            OTP_TOTP_THROTTLE_FACTOR=0,
        ):
            call_command("demo", stdout=StringIO())
            yield
    finally:
        demo_registry.DATA_DIR = shipped


@pytest.fixture(scope="module")
def demo_db(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield from build_demo(tmp_path_factory.mktemp("demo"))
        transaction.set_rollback(True)
