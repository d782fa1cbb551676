from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "oversight.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate, pre_save

        from oversight.core import fulltext
        from oversight.core.validators import refuse_bad_text

        post_migrate.connect(ensure_audit_head, sender=self)
        pre_save.connect(refuse_bad_text, dispatch_uid="oversight.core.refuse_bad_text")
        post_migrate.connect(ensure_cache_tables, sender=self)
        fulltext.connect()  # the one search's index follows every public row
        post_migrate.connect(fulltext.build_if_empty, sender=self)


def ensure_audit_head(**kwargs: object) -> None:
    """The head row must exist before the first append (also after a test flush)."""
    from oversight.core.models import AuditHead

    AuditHead.objects.using(str(kwargs.get("using", "default"))).get_or_create(pk=1)


def ensure_cache_tables(**kwargs: object) -> None:
    """Database-backed caches (shared limits) get their tables with every `migrate`."""
    from django.core.management import call_command

    call_command("createcachetable", database=str(kwargs.get("using", "default")), verbosity=0)
