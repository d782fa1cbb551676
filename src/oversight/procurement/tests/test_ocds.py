"""The OCDS 1.1 release and record packages validate against the official 1.1.5 schemas."""

import json
from typing import Any

import pytest
from django.test import Client
from jsonschema import Draft4Validator
from referencing import Registry
from referencing.jsonschema import DRAFT4

from oversight.accounts.tests.helpers import Clock
from oversight.procurement import actions
from oversight.procurement.ocds import SCHEMAS
from oversight.procurement.tests.helpers import World, approve, draft, holding_of, to_vote
from oversight.procurement.tests.test_actions import POLICY, REPORT

pytestmark = pytest.mark.django_db
BASE = "https://standard.open-contracting.org/schema/1__1__5/"


def validator(name: str) -> Draft4Validator:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        resources.append((BASE + path.name, DRAFT4.create_resource(json.loads(path.read_text()))))
    registry: Registry[Any] = Registry().with_resources(resources)
    return Draft4Validator(json.loads((SCHEMAS / name).read_text()), registry=registry)


def errors(package: dict[str, Any], schema: str) -> list[str]:
    return [f"{list(e.path)}: {e.message}" for e in validator(schema).iter_errors(package)]


@pytest.fixture
def published(world: World, clock: Clock, settings: Any) -> World:
    """One proposal used and reported on, one open for comment, one rejected."""
    settings.PROCUREMENT_NOTICE_DAYS = 0
    settings.OCDS_OCID_PREFIX = "ocds-test42"
    used = draft(world)
    actions.update_draft(
        used,
        actor=world.official,
        answers={},
        withheld=[{"field": "value", "reason": "Commercial terms under negotiation."}],
    )
    to_vote(world, clock, used)
    approve(world, used)
    holding = holding_of(used)
    actions.approve_policy(
        actions.draft_policy(holding, actor=world.official, texts=POLICY), actor=world.members[0]
    )
    actions.record_deployment(
        holding,
        actor=world.official,
        place="Harbour Road",
        started_on=clock.now.date(),
        data_volume="5,000 reads a day",
    )
    actions.file_annual_report(
        holding, actor=world.official, year=clock.now.year, uses_count=3, texts=REPORT
    )
    rejected = draft(world)
    to_vote(world, clock, rejected)
    for member in world.members:
        actions.cast_vote(rejected, actor=member, choice="reject")
    actions.decide(
        rejected,
        actor=world.members[0],
        outcome="reject",
        reasons="Not necessary.",
        legality_met=True,
        necessity_met=False,
        aim_met=True,
    )
    actions.submit_proposal(draft(world), actor=world.official)
    draft(world)  # a draft is not published
    return world


def test_the_release_package_validates_and_carries_withheld_reasons(published: World) -> None:
    package = Client().get("/data/ocds/releases.json").json()
    assert errors(package, "release-package-schema.json") == []
    ocids = {r["ocid"] for r in package["releases"]}
    assert len(ocids) == 3 and all(o.startswith("ocds-test42-P-") for o in ocids)
    tags = [r["tag"][0] for r in package["releases"]]
    assert {"planning", "tender", "award", "contract", "implementation"} <= set(tags)
    withheld = [r for r in package["releases"] if r.get("withheldInformation")]
    assert withheld and "Commercial terms" in withheld[0]["withheldInformation"][0]["rationale"]
    assert all("value" not in a for r in withheld for a in r.get("awards", []))


def test_the_record_package_validates_with_compiled_releases(published: World) -> None:
    package = Client().get("/data/ocds/records.json").json()
    assert errors(package, "record-package-schema.json") == []
    statuses = sorted(r["compiledRelease"]["tender"]["status"] for r in package["records"])
    assert statuses == ["active", "complete", "unsuccessful"]
    used = next(r for r in package["records"] if r["compiledRelease"].get("contracts"))
    milestones = used["compiledRelease"]["contracts"][0]["implementation"]["milestones"]
    assert [m["title"] for m in milestones] == ["Harbour Road"]


def test_the_api_serves_the_same_packages(published: World) -> None:
    releases = Client().get("/api/v1/ocds/releases.json").json()
    assert errors(releases, "release-package-schema.json") == []
    records = Client().get("/api/v1/ocds/records.json").json()
    assert errors(records, "record-package-schema.json") == []
    assert len(records["records"]) == 3
