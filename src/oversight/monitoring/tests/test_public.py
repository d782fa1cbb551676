"""What the public sees of the real cases: never a victim's name, anywhere."""

import html
import json
import re
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client

from oversight.core.models import AuditEntry
from oversight.monitoring import reports
from oversight.monitoring.tests.helpers import DATA, MAPPING, run, victim_names

pytestmark = pytest.mark.usefixtures("registry")

PUBLIC_PAGES = [
    "/cases/",
    "/cases/?page=2",
    "/cases/?format=csv",
    "/cases/?format=json",
    "/cases/?format=ndjson",
    "/communications/",
    "/api/v1/datasets/cases?limit=500",
    "/api/v1/datasets/communications",
    "/trends/",
    "/reports/?start=2010-01-01&end=2030-12-31",
    "/transparency/log/",
    "/",
    "/about/data/",
]


def _texts(client: Client) -> dict[str, str]:
    texts = {}
    for url in PUBLIC_PAGES:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
        texts[url] = body.decode()
    ids = json.loads(texts["/api/v1/datasets/cases?limit=500"])["results"]
    for row in ids:
        texts[f"/cases/{row['id']}/"] = client.get(f"/cases/{row['id']}/").content.decode()
        texts[f"api {row['id']}"] = client.get(
            f"/api/v1/datasets/cases/{row['id']}"
        ).content.decode()
    for slug in ("countries", "vendors", "groups", "operators", "map", "replies"):
        texts[f"csv {slug}"] = client.get(f"/trends/{slug}.csv").content.decode()
    texts["export"] = run("export", "cases", "--format", "json")
    texts["export communications"] = run("export", "communications")
    texts["audit log (public)"] = json.dumps(
        list(AuditEntry.objects.values("changes", "object_repr", "reasons")), default=str
    )
    report = reports.build(*_window(), public=True)
    texts["report print"] = render_to_string("monitoring/report_print.html", {"report": report})
    return texts


def _window() -> Any:
    from datetime import date

    return date(2010, 1, 1), date(2030, 12, 31)


def test_it_shows_the_real_cases_without_any_victim_name(client: Client) -> None:
    run("import", "cases", str(DATA), *MAPPING)
    texts = _texts(client)
    assert len(texts) > 99 * 2
    assert "Journalist" in texts["/cases/"] and "citizenlab.ca" in texts["/cases/?format=csv"]
    names = [name for name in victim_names() if len(name) >= 6]
    assert len(names) > 90
    for where, text in texts.items():
        lowered = html.unescape(text).lower()
        leaked = [name for name in names if name.lower() in lowered]
        assert not leaked, f"{where} shows {leaked[:3]}"
        assert not re.search(r"victim_name|code_name|basis_note", text), where


def test_it_publishes_every_suspected_operator_state_of_a_case(client: Client) -> None:
    from oversight.monitoring import actions

    case = actions.record_case(
        {"title": "Joint operation", "country_id": "MX", "operator_countries": ["MX", "SV"]},
        [({"group": "journalist", "affiliation_type": "media"}, {})],
    )
    actions.set_case_status(case, "published", actor=None)
    record = client.get(f"/api/v1/datasets/cases/{case.pk}").json()
    assert record["operator_country"] == "Mexico"  # the first, as before
    assert record["operator_countries"] == ["MX", "SV"]
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Suspected operator States (ISO codes)" in page and "SV" in page
    response = client.get("/cases/?format=csv")
    csv = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    header, row = csv.splitlines()[:2]
    assert ",operator_country,operator_countries," in header
    assert ',Mexico,"[""MX"", ""SV""]",' in row, row  # lists as JSON, like the others
