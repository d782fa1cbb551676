"""Two roles at once (issue 17): company B's member who is also the licensing officer of
GB sees company A's lodged applications as an officer, and never gets A's applicant
powers through that (edit, submit, withdraw, surrender), on the web or the API.
The authorization matrix (core/tests/authz_matrix.toml) asks the same of every URL;
this test also checks that nothing changed, and that A's own member still can."""

from typing import Any

import pytest
from django.test import Client

from oversight.accounts import actions as accounts
from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import Clock, signed_in
from oversight.licensing import actions
from oversight.licensing.models import Application, Licence, Status
from oversight.licensing.tests.flow import to_decision
from oversight.licensing.tests.helpers import World, complete_draft

pytestmark = pytest.mark.django_db

WEB = "/staff/licensing/applications"
API = "/api/v1/licensing"


def _api(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def _post(client: Client, url: str, body: dict[str, Any]) -> int:
    return client.post(url, body, content_type="application/json").status_code


def test_it_gives_the_officer_of_the_state_no_applicant_power_of_another_company(
    world: World, clock: Clock
) -> None:
    decided = to_decision(world, clock)
    actions.decide_application(decided, outcome="issued", reasons=["Fine."], actor=world.officer)
    licence = Licence.objects.get(application=decided)
    lodged = complete_draft(world)
    actions.submit_application(lodged, actor=world.member, key="submit-key-0002")
    draft = complete_draft(world)
    both = world.member_b  # member of company B (DE) …
    accounts.grant_role(both, Role.LICENSING_OFFICER, jurisdiction=world.gb)  # … and GB's officer
    before = {a.pk: (a.status, a.version) for a in Application.objects.all()}
    web, api = signed_in(both), _api(accounts.issue_token(both, "both")[1])

    # As the officer of GB, they see A's lodged application, on the web and the API.
    assert web.get(f"{WEB}/{lodged.reference}/").status_code == 200
    assert api.get(f"{API}/applications/{lodged.reference}").status_code == 200
    # As A's applicant, nothing: the same 404 as for a stranger.
    for url, data in [
        (f"{WEB}/{lodged.reference}/edit/", {"end_use": "Changed."}),
        (f"{WEB}/{lodged.reference}/withdraw/", {"reason": "Not ours."}),
        (f"{WEB}/{draft.reference}/submit/", {}),
        (f"{WEB}/{draft.reference}/edit/", {"end_use": "Changed."}),
    ]:
        assert web.post(url, data).status_code == 404, url
    assert web.get(f"{WEB}/{draft.reference}/").status_code == 404  # drafts are A's alone
    patched = api.patch(
        f"{API}/applications/{lodged.reference}", {"end_use": "x"}, "application/json"
    )
    assert patched.status_code == 404
    assert _post(api, f"{API}/applications/{lodged.reference}/withdraw", {"reason": "x"}) == 404
    assert _post(api, f"{API}/applications/{draft.reference}/submit", {}) == 404
    assert _post(api, f"{API}/licences/{licence.number}/surrender", {"reasons": ["x"]}) == 404
    assert {a.pk: (a.status, a.version) for a in Application.objects.all()} == before
    assert Licence.objects.get(pk=licence.pk).status == "active"

    # A's own member still can: the refusals above are about who asks, not what.
    own = _api(accounts.issue_token(world.member, "a")[1])
    assert _post(own, f"{API}/licences/{licence.number}/surrender", {"reasons": ["Done."]}) == 200
    assert _post(own, f"{API}/applications/{lodged.reference}/withdraw", {"reason": "x"}) == 200
    assert Application.objects.get(pk=lodged.pk).status == Status.WITHDRAWN
