"""Several suspected operator States per case: `operator_countries`, the ordered ISO codes.

A case recorded before names one State at most: its list is that State.
"""

from typing import Any

from django.db import migrations, models


def copy_operator_country(apps: Any, schema_editor: Any) -> None:
    Case = apps.get_model("monitoring", "Case")
    for case in Case.objects.exclude(operator_country=None).only("pk", "operator_country"):
        Case.objects.filter(pk=case.pk).update(operator_countries=[case.operator_country_id])


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_cases_victims_communications"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="operator_countries",
            field=models.JSONField(
                blank=True, default=list, verbose_name="suspected operator States"
            ),
        ),
        migrations.RunPython(copy_operator_country, migrations.RunPython.noop),
    ]
