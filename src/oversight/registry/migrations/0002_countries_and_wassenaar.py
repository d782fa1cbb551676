"""Every ISO 3166-1 country (from pycountry), Kosovo (XK), and the Wassenaar participating States."""

from typing import Any

import pycountry
from django.db import migrations

KOSOVO = ("XK", "Kosovo", "Republic of Kosovo", "XKX", "")

# The 42 participating States of the Wassenaar Arrangement and the year each joined,
# where known (None where we are not sure). Source: wassenaar.org, "Participating
# States" page. The 33 founding States joined in 1996.
WASSENAAR_PARTICIPANTS: dict[str, tuple[str, int | None]] = {
    "AR": ("Argentina", 1996),
    "AU": ("Australia", 1996),
    "AT": ("Austria", 1996),
    "BE": ("Belgium", 1996),
    "BG": ("Bulgaria", 1996),
    "CA": ("Canada", 1996),
    "CZ": ("Czechia", 1996),
    "DK": ("Denmark", 1996),
    "FI": ("Finland", 1996),
    "FR": ("France", 1996),
    "DE": ("Germany", 1996),
    "GR": ("Greece", 1996),
    "HU": ("Hungary", 1996),
    "IE": ("Ireland", 1996),
    "IT": ("Italy", 1996),
    "JP": ("Japan", 1996),
    "LU": ("Luxembourg", 1996),
    "NL": ("Netherlands", 1996),
    "NZ": ("New Zealand", 1996),
    "NO": ("Norway", 1996),
    "PL": ("Poland", 1996),
    "PT": ("Portugal", 1996),
    "KR": ("Republic of Korea", 1996),
    "RO": ("Romania", 1996),
    "RU": ("Russian Federation", 1996),
    "SK": ("Slovakia", 1996),
    "ES": ("Spain", 1996),
    "SE": ("Sweden", 1996),
    "CH": ("Switzerland", 1996),
    "TR": ("Türkiye", 1996),
    "UA": ("Ukraine", 1996),
    "GB": ("United Kingdom", 1996),
    "US": ("United States", 1996),
    "SI": ("Slovenia", None),
    "EE": ("Estonia", None),
    "LV": ("Latvia", None),
    "LT": ("Lithuania", None),
    "MT": ("Malta", None),
    "ZA": ("South Africa", 2006),
    "HR": ("Croatia", 2011),
    "MX": ("Mexico", 2012),
    "IN": ("India", 2017),
}


def _countries() -> list[tuple[str, str, str, str, str]]:
    rows = [
        (
            c.alpha_2,
            getattr(c, "common_name", None) or c.name,
            getattr(c, "official_name", ""),
            c.alpha_3,
            c.numeric,
        )
        for c in pycountry.countries
    ]
    return [*rows, KOSOVO]


def create_countries(apps: Any, schema_editor: Any) -> None:
    Jurisdiction = apps.get_model("registry", "Jurisdiction")
    existing = set(Jurisdiction.objects.values_list("code", flat=True))
    Jurisdiction.objects.bulk_create(
        Jurisdiction(
            code=code,
            name=name,
            official_name=official,
            alpha3=alpha3,
            numeric=numeric,
            kind="country",
            wassenaar_participant=code in WASSENAAR_PARTICIPANTS,
            wassenaar_joined=WASSENAAR_PARTICIPANTS.get(code, ("", None))[1],
        )
        for code, name, official, alpha3, numeric in _countries()
        if code not in existing
    )


def remove_countries(apps: Any, schema_editor: Any) -> None:
    Jurisdiction = apps.get_model("registry", "Jurisdiction")
    codes = [row[0] for row in _countries()]
    Jurisdiction.objects.filter(code__in=codes, kind="country").delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_registry_models")]

    operations = [migrations.RunPython(create_countries, remove_countries)]
