from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    name = "oversight.companies"
    label = "companies"
    verbose_name = "Company compliance"

    def ready(self) -> None:
        from oversight.companies import publication  # noqa: F401 - registers
