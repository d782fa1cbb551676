from django.apps import AppConfig


class LicensingConfig(AppConfig):
    name = "oversight.licensing"
    label = "licensing"
    verbose_name = "Licensing"

    def ready(self) -> None:
        from oversight.licensing import publication, receivers  # noqa: F401 - registers
