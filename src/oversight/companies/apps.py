from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    name = "oversight.companies"
    label = "companies"
    verbose_name = "Company compliance"

    def ready(self) -> None:
        from oversight.companies import (  # noqa: F401 - they register
            audit_status,  # the audit element of the UNGP check
            checks,  # the due diligence and clause elements of the UNGP check
            dashboard,
            publication,
            publication_diligence,
        )
        from oversight.core import dashboard as staff_dashboard

        staff_dashboard.register("companies", dashboard.sections, order=20)
