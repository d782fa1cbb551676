"""The audit actions of the registry, one member per kind of entry.

The values are stored in the audit log and hashed into its chain: never change one.
"""

from collections.abc import Mapping
from enum import StrEnum, unique

from django.db.models import Model

from oversight.registry.models import (
    ControlEntry,
    Jurisdiction,
    LicenceStatistic,
    Organisation,
    Technology,
    Transfer,
)


@unique
class Event(StrEnum):
    ORGANISATION_CREATED = "registry.organisation.created"
    ORGANISATION_UPDATED = "registry.organisation.updated"
    ORGANISATION_MERGED = "registry.organisation.merged"
    CONTROL_ENTRY_CREATED = "registry.controlentry.created"
    CONTROL_ENTRY_UPDATED = "registry.controlentry.updated"
    TRANSFER_CREATED = "registry.transfer.created"
    TRANSFER_UPDATED = "registry.transfer.updated"
    LICENCE_STATISTIC_CREATED = "registry.licencestatistic.created"
    LICENCE_STATISTIC_UPDATED = "registry.licencestatistic.updated"
    TECHNOLOGY_CREATED = "registry.technology.created"
    TECHNOLOGY_UPDATED = "registry.technology.updated"
    TECHNOLOGY_CONTROL_ENTRIES_SET = "registry.technology.control_entries_set"
    JURISDICTION_MORATORIUM_SET = "registry.jurisdiction.moratorium_set"
    JURISDICTION_SAFEGUARDS_SET = "registry.jurisdiction.safeguards_set"
    JURISDICTION_CREATED = "registry.jurisdiction.created"
    JURISDICTION_UPDATED = "registry.jurisdiction.updated"


# What an upsert of each model records when it creates or updates a row.
CREATED: Mapping[type[Model], Event] = {
    Organisation: Event.ORGANISATION_CREATED,
    ControlEntry: Event.CONTROL_ENTRY_CREATED,
    Transfer: Event.TRANSFER_CREATED,
    LicenceStatistic: Event.LICENCE_STATISTIC_CREATED,
    Technology: Event.TECHNOLOGY_CREATED,
    Jurisdiction: Event.JURISDICTION_CREATED,
}
UPDATED: Mapping[type[Model], Event] = {
    Organisation: Event.ORGANISATION_UPDATED,
    ControlEntry: Event.CONTROL_ENTRY_UPDATED,
    Transfer: Event.TRANSFER_UPDATED,
    LicenceStatistic: Event.LICENCE_STATISTIC_UPDATED,
    Technology: Event.TECHNOLOGY_UPDATED,
    Jurisdiction: Event.JURISDICTION_UPDATED,
}
