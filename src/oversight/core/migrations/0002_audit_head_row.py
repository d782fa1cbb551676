from django.db import migrations


def create_head(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("core", "AuditHead").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    """The single head row that appenders lock; it exists before any entry."""

    dependencies = [("core", "0001_audit_log")]
    operations = [migrations.RunPython(create_head, migrations.RunPython.noop)]
