"""API fuzzing (issue 17, "the proof, permanent"): schemathesis against /api/v1/openapi.json.

Every operation of the document gets `EXAMPLES` generated requests, valid and
invalid, anonymous and with a staff token, on the demo world, through the WSGI
application in this process. Each answer must be no server error, carry a status
code the document lists, the content type it declares, and a body that conforms
to the schema of that status. The seed is fixed (derandomized), so a run is the
same run every time, on SQLite and on PostgreSQL.

A failure names the operation and prints a curl command that reproduces it.
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from oversight.accounts import actions as accounts
from oversight.accounts.models import Role, User
from oversight.companies.models import MisuseReport
from oversight.core.tests.demo_world import demo_db  # noqa: F401 - a fixture
from oversight.licensing.models import Application
from oversight.registry.models import Jurisdiction, Organisation
from oversight.vulnerabilities.models import Vulnerability
from oversight.wsgi import application

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]

EXAMPLES = 12  # per operation and caller; 0 failures at this bound, about 30 s per caller
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,  # invalid input is refused with a 4xx, never accepted
]


@pytest.fixture
def wsgi() -> Iterator[Any]:
    """The real WSGI application, keeping the test's database connection between requests
    (as Django's test client does): the test's transaction holds the demo world."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield application
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def staff_token() -> str:
    """A bearer token of one person holding the staff roles that write through the API:
    officer, reviewer and equities board member of GB, member of company A, analyst,
    oversight member."""
    user = User.objects.get(username="demo-officer")
    gb = Jurisdiction.objects.get(code="GB")
    accounts.grant_role(user, Role.HUMAN_RIGHTS_REVIEWER, jurisdiction=gb)
    exporter = Organisation.objects.get(slug="demo-exporter")
    accounts.grant_role(user, Role.COMPANY_MEMBER, organisation=exporter)
    accounts.grant_role(user, Role.ANALYST)
    board = Organisation.objects.get(slug="demo-oversight-board")
    accounts.grant_role(user, Role.OVERSIGHT_MEMBER, organisation=board)
    accounts.grant_role(user, Role.EQUITIES_BOARD, jurisdiction=gb)
    return accounts.issue_token(user, "fuzzing")[1]


def fuzz(app: Any, headers: dict[str, str]) -> list[str]:
    """Every operation, `EXAMPLES` cases each; the failures, one text per operation."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) > 30, "the document lost its operations"
    real = real_objects()
    for operation in operations:
        test = one_operation(on_real_objects(operation.as_strategy(), real), app, headers)
        try:
            test()
        except (Exception, BaseExceptionGroup) as error:  # a FailureGroup, or an error raised
            failures.append(f"{operation.label}: {error}")
    return failures


def real_objects() -> dict[str, list[Any]]:
    """Path parameters that name rows of the demo: half of the cases ask for one, so the
    bodies reach the rules behind the 404 (company A's draft, B's lodged application …)."""
    return {
        "reference": [
            *Application.objects.values_list("reference", flat=True),
            *Vulnerability.objects.values_list("reference", flat=True),
        ],
        "slug": ["demo-exporter", "demo-exporter-b"],
        "code": ["GB", "DE"],
        "name": ["licences", "cases", "transfers"],
        "pk": list(MisuseReport.objects.values_list("pk", flat=True)) or [1],
        "move": ["suspend", "reinstate", "revoke"],
    }


def on_real_objects(strategy: Any, real: dict[str, list[Any]]) -> Any:
    @st.composite
    def cases(draw: Any) -> Any:
        case = draw(strategy)
        if case.path_parameters and draw(st.booleans()):
            for name in case.path_parameters:
                if name in real:
                    case.path_parameters[name] = draw(st.sampled_from(real[name]))
        return case

    return cases()


def one_operation(strategy: Any, app: Any, headers: dict[str, str]) -> Callable[[], None]:
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: the curl line reproduces
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def test(case: Any) -> None:
        response = case.call(app=app, headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)

    return test


def test_it_finds_no_server_error_or_schema_violation_anonymously(wsgi: Any) -> None:
    failures = fuzz(wsgi, {})
    assert not failures, "\n\n".join(failures)


def test_it_finds_no_server_error_or_schema_violation_with_a_staff_token(wsgi: Any) -> None:
    failures = fuzz(wsgi, {"Authorization": f"Bearer {staff_token()}"})
    assert not failures, "\n\n".join(failures)
