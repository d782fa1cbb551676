"""Every publication schema publishes what it published before (issue 8, section 5).

`publication_snapshot.json` was taken from the schemas before they were rewritten: each dataset's
public fields and their ORM paths, labels, key, search paths, filters (with their
choices on the migrated database), links, list columns, ordering, licence and sources,
all in English. A change to what the public sees must change that file on purpose.
Regenerate it with `python -m oversight.core.tests.test_publication_snapshot`.
"""

import json
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from oversight.core import publication

SNAPSHOT = Path(__file__).with_name("publication_snapshot.json")


def describe(schema: publication.Schema) -> dict[str, Any]:
    return {
        "title": str(schema.title),
        "description": str(schema.description),
        "key": schema.key,
        "fields": dict(schema.fields),
        "labels": {name: str(schema.label(name)) for name in schema.fields},
        "search": list(schema.search),
        "filters": [
            {
                "name": flt.name,
                "label": str(flt.label),
                "lookup": flt.lookup,
                "kind": flt.kind,
                "choices": [[str(v), str(lb)] for v, lb in flt.choices()] if flt.choices else None,
            }
            for flt in schema.filters
        ],
        "links": {name: [link.dataset, link.key_path] for name, link in schema.links.items()},
        "list_fields": list(schema.list_fields),
        "ordering": list(schema.ordering),
        "licence": str(schema.licence),
        "sources": [str(source) for source in schema.sources],
    }


def current() -> dict[str, Any]:
    with translation.override("en"):
        return {schema.name: describe(schema) for schema in publication.all_schemas()}


@pytest.mark.django_db
def test_it_publishes_the_same_fields_labels_filters_and_links_as_before() -> None:
    before = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    now = current()
    assert sorted(now) == sorted(before)
    for name, described in now.items():
        assert described == before[name], name


if __name__ == "__main__":  # pragma: no cover - regenerates the snapshot on purpose
    import django
    from django.conf import settings
    from django.test.utils import get_runner, setup_test_environment

    django.setup()
    setup_test_environment()
    runner = get_runner(settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        text = json.dumps(current(), indent=1, ensure_ascii=False, sort_keys=True)
        SNAPSHOT.write_text(text + "\n", encoding="utf-8")
    finally:
        runner.teardown_databases(old)
