"""The authorization matrix (issue 17): every URL and API operation, as everyone.

Every URL pattern of Django's resolver and every operation of the OpenAPI document
is requested as anonymous, as every role of the demo and as people who hold two
roles at once (`authz_world.WHO`), with its parameters filled with real objects
(company A's draft, company B's lodged application, A's licence …). The answer,
as a class (`ok`, `login`, `redirect`, `403`, `404`, `405`, `422` …), must be the
one `authz_matrix.toml` expects. A URL or operation without an entry fails, and
so does an entry whose URL is gone. CONTRIBUTING.md says how to add entries.

Each request runs in a transaction that is rolled back, and each client's cookies
are put back after it, so the order of the requests changes nothing.
"""

import copy
import json
import os
import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from oversight.core.tests.authz_world import WHO, World, build_world
from oversight.core.tests.demo_world import demo_db  # noqa: F401 - a fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]

MATRIX = Path(__file__).with_name("authz_matrix.toml")
API = "api/v1/"
ADMIN = "admin/"  # Django's admin: one gate (the administrator role), checked on its index
WRITE = "AUTHZ_MATRIX_WRITE"  # set to 1 to write what was seen into the file, then review


def web_routes(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[str]:
    """Every URL pattern outside the API, as Django spells its route; the admin as one."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(ADMIN):
            yield ADMIN
        elif isinstance(pattern, URLResolver):
            yield from web_routes(pattern, route)
        elif isinstance(pattern, URLPattern) and not route.lstrip("^").startswith(API):
            yield route


def api_operations() -> list[str]:
    document: dict[str, Any] = Client().get(f"/{API}openapi.json").json()
    return [
        f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        for method in operations
    ]


def outcome(response: Any) -> str:
    code: int = response.status_code
    if 200 <= code < 300:
        return "ok"
    if 300 <= code < 400:
        return "login" if response["Location"].startswith("/accounts/login/") else "redirect"
    return str(code)


def ask(client: Client, case: str, values: dict[str, Any], given: dict[str, Any]) -> str:
    method, template = case.split(" ", 1)
    url = template.format(**values)
    given = {key: fill(value, values) for key, value in given.items()}
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            if "_body" in given:
                body = json.dumps(given["_body"])
                response = client.generic(method, url, body, content_type="application/json")
            elif method == "POST":
                response = client.post(url, given.get("_data", {}))
            else:
                response = getattr(client, method.lower())(url)
            transaction.set_rollback(True)
    except Exception as error:  # the test client re-raises what a view raised: a 500
        return f"500 {type(error).__name__}"
    finally:
        client.cookies = cookies
    return outcome(response)


def fill(value: Any, values: dict[str, Any]) -> Any:
    """`{names}` in the strings of a form's fields or a JSON body, filled as in URLs."""
    if isinstance(value, str):
        return value.format(**values)
    if isinstance(value, dict):
        return {key: fill(item, values) for key, item in value.items()}
    if isinstance(value, list):
        return [fill(item, values) for item in value]
    return value


def route_of(case: str, values: dict[str, Any]) -> str:
    """The matrix table a case's URL belongs to: its web route, or its API operation."""
    method, template = case.split(" ", 1)
    path = template.format(**values).split("?")[0]
    if path.startswith(f"/{API}"):
        return f"{method} {path}"
    route = resolve(path).route
    return ADMIN if route.startswith(ADMIN) else route


def operation_matches(operation: str, case: str, values: dict[str, Any]) -> bool:
    method, path = route_of(case, values).split(" ", 1)
    expected_method, template = operation.split(" ", 1)
    pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
    return method == expected_method and re.fullmatch(pattern, path) is not None


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def test_it_answers_every_url_and_operation_as_the_matrix_expects(world: World) -> None:
    matrix = tomllib.loads(MATRIX.read_text())
    wanted = list(dict.fromkeys([*web_routes(), *api_operations()]))
    missing = [route for route in wanted if not matrix.get(route)]
    stale = [route for route in matrix if route not in wanted]
    assert not missing, (
        f"No entry in {MATRIX.name} for: {missing}. Add a table per URL asked, e.g.\n"
        '  ["<route as above>"."GET /path/{a_draft}/"]\n  "*" = "?"\n'
        f"(objects: {sorted(world.objects)}), run this test with {WRITE}=1, and review "
        "every line it wrote: each is who gets what. See CONTRIBUTING.md."
    )
    assert not stale, f"{MATRIX.name} has entries for URLs that are gone: {stale}"
    seen: dict[str, dict[str, dict[str, str]]] = {}
    wrong = []
    for route, cases in matrix.items():
        for case, given in cases.items():
            if route.startswith(("GET ", "POST ", "PUT ", "PATCH ", "DELETE ")):
                assert operation_matches(route, case, world.objects), (route, case)
            else:
                assert route_of(case, world.objects) == route, (route, case)
            answers = seen.setdefault(route, {}).setdefault(case, {})
            for who in WHO:
                person = world.people[who]
                client = person.api if case.split(" ", 1)[1].startswith(f"/{API}") else person.web
                answers[who] = got = ask(client, case, world.objects, given)
                expected = given.get(who, given.get("*"))
                if got != expected:
                    wrong.append(f"{case} as {who}: expected {expected}, got {got}")
    if os.environ.get(WRITE):
        MATRIX.write_text(render(matrix, seen))
    assert not wrong, "\n".join(wrong)


# Writing the file from what was seen (AUTHZ_MATRIX_WRITE=1): the commonest answer
# of a case is its "*", and each person who gets another answer has a line.

HEADER = """\
# The authorization matrix: who gets what, for every URL and API operation.
# Checked by test_authz_matrix.py; how to add a URL is in CONTRIBUTING.md.
#
# ["<route or operation>"."<METHOD> <url>"] asks <url>, its {names} filled with the
# objects of authz_world.py (company A is demo-exporter in GB, B demo-exporter-b in
# DE). "*" is the answer of everyone not listed. People: see authz_world.WHO.
# Answers: ok (2xx), login (redirect to sign-in), redirect (elsewhere), or the status
# (403, 404, 405, 422 …). `_data` is a form's fields, `_body` an API request's JSON,
# `_why` a note. A POST runs in a transaction that is rolled back.
"""


def toml_value(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def render(matrix: dict[str, Any], seen: dict[str, dict[str, dict[str, str]]]) -> str:
    lines = [HEADER]
    for route, cases in matrix.items():
        for case, given in cases.items():
            answers = seen[route][case]
            usual = Counter(answers.values()).most_common(1)[0][0]
            lines.append(f"[{toml_key(route)}.{toml_key(case)}]")
            lines += [f"{k} = {toml_value(v)}" for k, v in given.items() if k.startswith("_")]
            lines.append(f'"*" = "{usual}"')
            lines += [f'{who} = "{got}"' for who, got in answers.items() if got != usual]
            lines.append("")
    return "\n".join(lines)
