from django.apps import AppConfig


class GrievancesConfig(AppConfig):
    name = "oversight.grievances"
    label = "grievances"
    verbose_name = "Grievances"

    def ready(self) -> None:
        from oversight.core import audit
        from oversight.grievances import publication, receivers  # noqa: F401 - registers

        audit.mark_private("grievances.")

        from oversight.core import dashboard as staff_dashboard
        from oversight.grievances import dashboard

        staff_dashboard.register("grievances", dashboard.sections, order=40)

        from oversight.core import jobs
        from oversight.grievances.jobs import JOBS

        for job in JOBS:
            jobs.register(job)
