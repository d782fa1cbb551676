from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "oversight.registry"
    label = "registry"
    verbose_name = "Registry"

    def ready(self) -> None:
        from oversight.core import dashboard as staff_dashboard
        from oversight.registry import dashboard, importers, publication  # noqa: F401 - registers

        staff_dashboard.register("registry", dashboard.sections, order=90)

        from oversight.accounts.admin_site import admin_site
        from oversight.registry.admin import register

        register(admin_site)
