from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the instance: the worker of periodic jobs, backups, metrics, routing."""

    name = "oversight.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        from oversight.core import dashboard as staff_dashboard
        from oversight.ops import dashboard

        staff_dashboard.register("ops", dashboard.sections, order=95)

        from oversight.core import jobs
        from oversight.ops.jobs import JOBS

        for job in JOBS:
            jobs.register(job)
