from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from oversight.accounts.models import Role, User
from oversight.accounts.tests.helpers import PASSWORD, make_user
from oversight.grievances.actions import custody, keys
from oversight.grievances.models import Channel, Destination
from oversight.registry.models import Jurisdiction, Organisation, Technology


@pytest.fixture(autouse=True)
def _grievance_settings(settings: Any, tmp_path: Path) -> None:
    settings.GRIEVANCE_ARGON2 = {"time_cost": 1, "memory_kib": 8}
    settings.GRIEVANCE_FILES_DIR = tmp_path / "grievance-files"
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@dataclass
class World:
    un: Channel
    company: Channel
    other: Channel
    escrow: dict[str, bytes]
    handler: User  # UN working group
    company_handler: User  # demo-exporter
    outsider: User  # handles demo-exporter-b's channel only
    technology: Technology


def _org(slug: str, kind: str) -> Organisation:
    return Organisation.objects.get_or_create(
        slug=slug, defaults={"name": slug.replace("-", " ").title(), "kind": kind}
    )[0]


def _channel(
    slug: str, org: Organisation, kind: str, escrow: dict[str, bytes], **extra: Any
) -> Channel:
    channel = Channel.objects.create(
        slug=slug, name=org.name, organisation=org, kind=kind, **extra
    )
    escrow[slug] = custody.init_escrow(channel)
    return channel


def build_world(*, keys_made: bool = True) -> World:
    """Three channels, their handlers and escrow keys; with `keys_made`, each handler has
    unlocked once, so each channel has its key and is open to reports."""
    Jurisdiction.objects.get_or_create(code="GB", defaults={"name": "United Kingdom"})
    un = _org("un-working-group", Organisation.Kind.UN_BODY)
    exporter = _org("demo-exporter", Organisation.Kind.COMPANY)
    other = _org("demo-exporter-b", Organisation.Kind.COMPANY)
    escrow: dict[str, bytes] = {}
    technology = Technology.objects.create(
        slug="probe", name="Probe", vendor=exporter, category="intrusion", published=True
    )
    world = World(
        un=_channel("un", un, Destination.UN, escrow, is_default=True),
        company=_channel("exporter", exporter, Destination.COMPANY, escrow),
        other=_channel("exporter-b", other, Destination.COMPANY, escrow),
        escrow=escrow,
        handler=make_user("handler", Role.GRIEVANCE_HANDLER, organisation="un-working-group"),
        company_handler=make_user(
            "company-handler", Role.GRIEVANCE_HANDLER, organisation="demo-exporter"
        ),
        outsider=make_user("outsider", Role.GRIEVANCE_HANDLER, organisation="demo-exporter-b"),
        technology=technology,
    )
    if keys_made:
        for user in (world.handler, world.company_handler, world.outsider):
            keys.unlock(user, PASSWORD)
    return world


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def fresh_world(db: None) -> World:
    """As after a fresh start: no handler has unlocked, so no channel has its key yet."""
    return build_world(keys_made=False)
