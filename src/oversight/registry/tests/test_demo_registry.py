"""`oversight demo_registry`: shipped data and demo records, twice without duplicates."""

import shutil
from pathlib import Path
from typing import Any

import pytest

from oversight.core import audit
from oversight.core.models import AuditEntry
from oversight.registry.management.commands import demo_registry
from oversight.registry.models import Jurisdiction, Organisation, Technology, Transfer
from oversight.registry.tests.excerpts import RATINGS, run, write, write_sii, write_uk

pytestmark = pytest.mark.django_db

DEMO_SLUGS = {
    "demo-exporter": ("company", "GB"),
    "demo-exporter-b": ("company", "DE"),
    "demo-agency": ("agency", "GB-DMC"),
    "demo-oversight-board": ("oversight_body", "GB-DMC"),
    "demo-auditor": ("auditor", "GB"),
    "un-working-group": ("un_body", None),
}


@pytest.fixture
def small_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped file names, holding small real excerpts (the full load takes a minute)."""
    write(tmp_path / "ratings.csv", RATINGS)
    shutil.move(write_sii(tmp_path), tmp_path / "sii-transfers.json")
    shutil.move(write_uk(tmp_path), tmp_path / "uk-licences-surveillance.csv")
    monkeypatch.setattr(demo_registry, "DATA_DIR", tmp_path)
    return tmp_path


def test_it_ships_the_files_it_imports() -> None:
    for _kind, name in demo_registry.SHIPPED:
        assert (demo_registry.DATA_DIR / name).is_file()
    assert (demo_registry.DATA_DIR / "README.md").read_text().count("Open Government Licence") >= 2


def test_it_creates_the_demo_records_once(small_data: Path) -> None:
    first = run("demo_registry")
    assert "transfers: 3 accepted (3 created" in first
    counts = (Organisation.objects.count(), Technology.objects.count(), Transfer.objects.count())
    entries = AuditEntry.objects.count()
    second = run("demo_registry")
    assert "demo records: 0 created, 0 updated, 26 unchanged" in second
    assert "0 created, 0 updated, 3 unchanged" in second
    assert (
        Organisation.objects.count(),
        Technology.objects.count(),
        Transfer.objects.count(),
    ) == (counts)
    assert AuditEntry.objects.count() == entries
    assert audit.verify().ok
    city = Jurisdiction.objects.get(code="GB-DMC")  # the demo's city, inside the UK
    assert (city.kind, city.parent_id) == ("city", "GB")


def test_it_creates_the_organisations_other_apps_rely_on(small_data: Path) -> None:
    run("demo_registry")
    for slug, (kind, country) in DEMO_SLUGS.items():
        organisation = Organisation.objects.get(slug=slug)
        assert (organisation.kind, organisation.jurisdiction_id) == (kind, country)
        assert "(demo)" in organisation.name


def test_it_creates_published_technologies_and_unpublished_drafts(small_data: Path) -> None:
    run("demo_registry")
    pegasus = Technology.objects.get(slug="pegasus")
    assert pegasus.published and pegasus.vendor is not None and pegasus.vendor.name == "NSO Group"
    assert sorted(pegasus.control_entries.values_list("code", flat=True)) == ["4.A.5", "4.D.4"]
    assert pegasus.control_codes == ["4.A.5", "4.D.4"]
    encryption_only = Technology.objects.filter(encryption_only=True).order_by("slug")
    assert [t.slug for t in encryption_only] == ["demo-vault-z", "sina-vpn-gateway"]
    assert all(t.privately_developed and t.control_codes == ["5.A.2"] for t in encryption_only)
    drafts = Technology.objects.filter(published=False)
    assert {(t.name, t.vendor.slug if t.vendor else "") for t in drafts} == {
        ("Demo Interceptor X (draft)", "demo-exporter"),
        ("Demo Tracker Y (draft)", "demo-exporter-b"),
    }
    hidden = Transfer.objects.get(published=False)
    assert (hidden.supplier_jurisdiction_id, hidden.basis) == ("GB", "official")


def test_it_prints_sign_in_lines_with_the_address_being_served(settings: Any) -> None:
    """`make demo BIND=…` passes SITE_URL: the printed line used a fixed 127.0.0.1:8000."""
    from io import StringIO

    from oversight.registry.management.commands.demo import Command

    settings.SITE_URL = "http://10.0.0.5:8080/"
    out = StringIO()
    Command(stdout=out)._table([("demo-officer", "Licensing officer", "GB", "pw", "K", "1")])
    assert "sign in at http://10.0.0.5:8080/accounts/login/" in out.getvalue()
