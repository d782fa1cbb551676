"""The audit log's public face: head, verification, recent entries; and /healthz."""

from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from oversight.core import audit
from oversight.core.models import AuditEntry
from oversight.portal.tests.clock import yesterday
from oversight.portal.tests.conftest import get

pytestmark = pytest.mark.django_db


def test_it_shows_the_checkpoint_after_some_changes(client: Client, registry: Any) -> None:
    with yesterday():
        audit.record(
            "registry.technology.publish",
            registry["vendor"],
            actor_label="officer-x",
            reasons=["secret reason"],
        )
        entry = audit.record("registry.transfer.unpublish", registry["vendor"])
    html = get(client, "/transparency/log/").content.decode()
    head = audit.checkpoint()
    assert head.count == entry.seq
    assert f"{head.count}:{head.hash}" in html
    assert f"oversight audit verify --expect {head.count}:{head.hash}" in html
    assert "every fingerprint matches" in html
    assert "registry.transfer.unpublish" in html  # the action is public …
    for private in ("officer-x", "secret reason", "Acme Intrusion"):
        assert private not in html  # … who, why and to what are not


def test_it_says_when_the_chain_is_broken(client: Client, registry: Any) -> None:
    audit.record("one")
    audit.record("two")
    AuditEntry.objects.filter(seq=1).update(action="rewritten")
    html = get(client, "/transparency/log/").content.decode()
    assert "The chain breaks: entry #1" in html
    assert 'role="alert"' in html


def test_it_shows_an_empty_log(client: Client, db: None) -> None:
    html = get(client, "/transparency/log/").content.decode()
    assert "The log has no entries yet." in html


def test_it_reports_health_without_the_live_length_of_the_log(client: Client, db: None) -> None:
    audit.record("something")
    response = get(client, "/healthz")
    assert response.json() == {"status": "ok", "database": "ok", "audit_log": {"chain": "ok"}}


def test_it_reports_a_broken_audit_chain(client: Client, db: None) -> None:
    audit.record("one")
    audit.record("two")
    AuditEntry.objects.filter(seq=1).update(action="rewritten")
    response = get(client, "/healthz", 503)
    body = response.json()
    assert body["status"] == "error" and body["database"] == "ok"
    assert body["audit_log"]["chain"] == "broken"
    assert "entry #1" in body["audit_log"]["problem"]


def test_it_answers_503_when_the_database_is_unreachable(client: Client, db: None) -> None:
    failing = mock.Mock(side_effect=OperationalError("could not connect to server"))
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", failing):
        response = get(client, "/healthz", 503)
    assert response.json()["status"] == "error"
    assert "database unreachable" in response.json()["database"]


def test_it_answers_health_in_one_query(
    client: Client, db: None, django_assert_max_num_queries: Any
) -> None:
    get(client, "/healthz")  # the chain walk is cached (VERIFY_EVERY), as on the log page
    with django_assert_max_num_queries(1):
        get(client, "/healthz")
