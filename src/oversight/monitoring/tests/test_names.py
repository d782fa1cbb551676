"""A victim's name never reaches a public field of a case or a letter, on any path.

The adversary is an importer or an analyst whose free text carries the name, with
its case changed, its accents dropped, its parts reordered, spread over two fields
or hidden with spaces, zero-width characters or look-alike letters.
"""

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from oversight.accounts import actions as account_actions
from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import make_user, signed_in
from oversight.monitoring import actions, rules
from oversight.monitoring.models import Case, Communication, VictimIdentity
from oversight.monitoring.tests.helpers import run

NAME = "Jane Zorblaxova"
OTHER = "Karim Benhaddou"


def _refused(texts: dict[str, str], own: list[str] | None = None) -> dict[str, list[str]]:
    verdict = rules.restricted_names(texts, own if own is not None else [NAME], [OTHER, NAME])
    return verdict.by_field()


@pytest.mark.parametrize(
    "text",
    [
        "Jane Zorblaxova (self-disclosed)",
        "JANE zorblaxova",
        "Jáne Zorbláxová",
        "Jane   Zorblaxova",
        "Zorblaxova Jane",
        "Zorblaxova, J.",
        "J. Zorblaxova",
        "Zorblaxova",
        "JaneZorblaxova",
        "J a n e Z o r b l a x o v a",
        "Jane Zorb\u200blaxova",
        "Jane Zorblax\u043eva",  # a Cyrillic o
    ],
)
def test_it_refuses_the_case_own_name_in_any_disguise(text: str) -> None:
    refused = _refused({"title": "Pegasus used against a journalist", "disclosed_by": text})
    assert list(refused) == ["disclosed_by"], text
    assert NAME not in " ".join(refused["disclosed_by"])  # the refusal never repeats it


def test_it_refuses_a_name_split_across_fields_naming_both() -> None:
    refused = _refused({"title": "Spyware used against Jane", "summary": "Zorblaxova was hit."})
    assert set(refused) == {"title", "summary"}
    refused = _refused({"operator": "Jane", "forensics_by": "Lab of Zorblaxova"})
    assert set(refused) == {"operator", "forensics_by"}


def test_it_allows_the_given_name_alone_and_ordinary_words() -> None:
    assert rules.restricted_names(
        {"summary": "Jane, a journalist, was targeted through WhatsApp."}, [NAME], [NAME]
    ).ok
    assert rules.restricted_names(
        {"summary": "Phones hacked in May.", "title": "Will they reply?"},
        ["May Tan", "Will Rich"],
        [],
    ).ok


def test_it_refuses_another_case_full_name_but_not_its_family_name_alone() -> None:
    assert list(_refused({"summary": "Like Karim BENHADDOU before her."}, own=[])) == ["summary"]
    assert list(_refused({"summary": "Benhaddou Karim"}, own=[])) == ["summary"]
    assert _refused({"summary": "The Benhaddou report."}, own=[]) == {}


def test_it_ignores_particles_and_needs_more_than_one_part_from_other_cases() -> None:
    texts = {"summary": "Attacked by al Qaeda sympathisers in de facto detention."}
    assert rules.restricted_names(texts, ["Omar al Radi"], ["Ali", "Ana de Souza"]).ok
    assert not rules.restricted_names({"summary": "Omar Radi"}, [], ["Omar al Radi"]).ok


def test_it_checks_a_numbered_label_for_an_unnamed_victim_only_whole() -> None:
    label = ["Amnesty International #1"]
    assert rules.restricted_names({"disclosed_by": "Amnesty International"}, label, label).ok
    refused = rules.restricted_names({"title": "Case of Amnesty International #1"}, label, [])
    assert list(refused.by_field()) == ["title"]


ROW = (
    "external_id,victim_name,victim_group,victim_affiliation_type,country,operator_country,"
    "disclosed,technology,vendor,disclosed_by,status{extra_head}\n"
    "x-1,Jane Zorblaxova,journalist,media,MX,MX,2024-01-01,pegasus,nso-group,"
    "{disclosed_by},published{extra}\n"
)


def _import(tmp_path: Path, disclosed_by: str, **extra: str) -> str:
    path = tmp_path / "cases.csv"
    path.write_text(
        ROW.format(
            disclosed_by=disclosed_by,
            extra_head="".join(f",{k}" for k in extra),
            extra="".join(f",{v}" for v in extra.values()),
        ),
        encoding="utf-8",
    )
    return run("import", "cases", str(path))


@pytest.mark.usefixtures("registry")
def test_it_refuses_the_issue_row_naming_the_field(tmp_path: Path) -> None:
    out = _import(tmp_path, "Jane Zorblaxova (self-disclosed)")
    assert out.startswith("0 accepted"), out
    assert "rejected line 2: disclosed_by: " in out and "victim" in out
    assert NAME not in out
    assert not Case.objects.exists() and not VictimIdentity.objects.exists()


@pytest.mark.usefixtures("registry")
@pytest.mark.parametrize("column", ["title", "summary"])
def test_it_refuses_a_name_in_the_title_or_summary(tmp_path: Path, column: str) -> None:
    out = _import(tmp_path, "Citizen Lab", **{column: "Case of zorbláxová jane"})
    assert out.startswith("0 accepted") and f"rejected line 2: {column}: " in out, out
    assert not Case.objects.exists()


@pytest.mark.usefixtures("registry")
def test_it_writes_a_summary_from_vocabulary_never_copying_free_text(tmp_path: Path) -> None:
    out = _import(tmp_path, "Citizen Lab", exploit_name="FORCEDENTRY", product="Zorb tool")
    assert out.startswith("1 accepted"), out
    case = Case.objects.get()
    assert "Citizen Lab" not in case.summary and "FORCEDENTRY" not in case.summary
    assert "Zorb" not in case.title and case.title.startswith("Pegasus used against")
    assert case.disclosed_by == "Citizen Lab"  # the field itself is kept, checked


@pytest.mark.usefixtures("registry")
def test_it_refuses_a_name_already_held_for_another_case(tmp_path: Path) -> None:
    _import(tmp_path, "Citizen Lab")
    other = tmp_path / "other.csv"
    other.write_text(
        "external_id,victim_name,victim_group,operator_country,disclosed,summary\n"
        "x-2,Someone Else,lawyer,MX,2024-02-01,Colleague of Zorblaxova Jane.\n",
        encoding="utf-8",
    )
    out = run("import", "cases", str(other))
    assert "rejected line 2: summary: " in out, out
    assert Case.objects.count() == 1


def _analyst() -> Client:
    return signed_in(make_user("analyst", Role.ANALYST))


CASE_FORM = {
    "title": "Spyware used against a journalist",
    "summary": "Forensic traces of Pegasus on the phone.",
    "country": "MX",
    "disclosed": "2025-03-01",
    "victim_count": "1",
    "attack_result": "successful",
    "verification": "confirmed",
    "victim-group": "journalist",
    "victim-affiliation_type": "media",
    "victim-name": NAME,
    "victim-basis": "none",
    "source-url": "https://citizenlab.ca/example",
}


@pytest.mark.usefixtures("registry", "world")
def test_it_refuses_the_name_on_the_web_form_on_the_field() -> None:
    analyst = _analyst()
    response = analyst.post(
        "/staff/monitoring/cases/new/", {**CASE_FORM, "disclosed_by": "zorblaxova"}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == ["disclosed_by"] and "victim" in errors["disclosed_by"][0]
    assert 'class="field-error"' in response.content.decode()
    assert NAME not in errors["disclosed_by"][0] and not Case.objects.exists()


@pytest.mark.usefixtures("registry", "world")
def test_it_refuses_an_edit_and_a_new_victim_whose_name_is_already_public() -> None:
    analyst = _analyst()
    assert analyst.post("/staff/monitoring/cases/new/", CASE_FORM).status_code == 302
    case = Case.objects.get()
    edit = {k: v for k, v in CASE_FORM.items() if not k.startswith(("victim-", "source-"))}
    response = analyst.post(
        f"/staff/monitoring/cases/{case.pk}/edit/", {**edit, "summary": "Zorblaxova's phone."}
    )
    assert response.status_code == 400 and list(response.context["form"].errors) == ["summary"]
    case.refresh_from_db()
    assert case.summary == CASE_FORM["summary"]
    actions.update_case(case, {"operator": "Unit of Benhaddou"}, actor=None)
    response = analyst.post(
        f"/staff/monitoring/cases/{case.pk}/victims/",
        {"victim-group": "journalist", "victim-affiliation_type": "media",
         "victim-name": "Nadia Benhaddou", "victim-basis": "none"},
    )  # fmt: skip
    assert response.status_code == 400 and "victim" in response.content.decode()
    assert case.victims.count() == 1


def _api(client: Client, url: str, body: dict[str, Any], token: str) -> Any:
    return client.post(
        url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


@pytest.mark.usefixtures("registry", "world")
def test_it_refuses_the_name_over_the_api_and_in_a_letter_subject(client: Client) -> None:
    _, token = account_actions.issue_token(make_user("analyst", Role.ANALYST), "cli")
    case = {
        "title": "API case",
        "country": "MX",
        "disclosed_by": "Jane ZORBLAXOVA",
        "victims": [{"group": "journalist", "affiliation_type": "media", "name": NAME}],
        "sources": [{"citation": "R"}],
    }
    refused = _api(client, "/api/v1/monitoring/cases", case, token)
    assert refused.status_code == 422 and "disclosed_by" in refused.json()["errors"]
    assert not Case.objects.exists()
    made = _api(client, "/api/v1/monitoring/cases", {**case, "disclosed_by": ""}, token)
    assert made.status_code == 201, made.content
    letter = {
        "kind": "AL", "mandates": ["sr_privacy"], "addressee_kind": "state",
        "addressee_state": "MX", "sent_on": "2026-01-02",
        "subject": "Targeting of journalist Zorblaxova", "cases": [made.json()["id"]],
    }  # fmt: skip
    sent = _api(client, "/api/v1/monitoring/communications", letter, token)
    assert sent.status_code == 422 and "subject" in sent.json()["errors"], sent.content
    assert not Communication.objects.exists()


@pytest.mark.usefixtures("registry", "world")
def test_it_refuses_to_publish_a_draft_naming_a_victim_recorded_after_it() -> None:
    draft = actions.record_case(
        {"external_id": "d-1", "title": "Draft", "summary": "A colleague of Nadia Benhaddou."}
    )
    victim = ({"group": "lawyer", "affiliation_type": "legal"}, {"name": "Nadia Benhaddou"})
    actions.record_case({"external_id": "d-2", "title": "Other"}, [victim])
    response = _analyst().post(
        f"/staff/monitoring/cases/{draft.pk}/status/", {"status": "published"}
    )
    assert response.status_code == 400
    assert "contains the name of a victim" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"
