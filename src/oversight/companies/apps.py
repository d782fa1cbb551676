from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    name = "oversight.companies"
    label = "companies"
    verbose_name = "Company compliance"

    def ready(self) -> None:
        from oversight.companies import (
            checks,  # noqa: F401 - adds its elements to the UNGP check
            dashboard,
            publication,  # noqa: F401 - registers
            publication_diligence,  # noqa: F401 - registers
        )
        from oversight.core import dashboard as staff_dashboard

        staff_dashboard.register("companies", dashboard.sections, order=20)
