"""The data migration that gives every case recorded before its list of operator States."""

import importlib

import pytest
from django.apps import apps

from oversight.monitoring.models import Case

pytestmark = pytest.mark.django_db


def test_it_copies_the_one_operator_state_of_an_existing_case_into_the_list() -> None:
    migration = importlib.import_module("oversight.monitoring.migrations.0002_operator_countries")
    # rows as they were before the migration: a foreign key and no list
    old = Case.objects.create(external_id="old", title="Old", operator_country_id="MX")
    none = Case.objects.create(external_id="none", title="No operator")
    migration.copy_operator_country(apps, None)
    old.refresh_from_db()
    none.refresh_from_db()
    assert old.operator_countries == ["MX"] and old.operator_country_id == "MX"
    assert none.operator_countries == []
