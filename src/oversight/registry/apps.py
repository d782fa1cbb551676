from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "oversight.registry"
    label = "registry"
    verbose_name = "Registry"

    def ready(self) -> None:
        from oversight.registry import importers, publication  # noqa: F401 - registers
