from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "oversight.monitoring"
    label = "monitoring"
    verbose_name = "Monitoring"

    def ready(self) -> None:
        from oversight.core import dashboard as staff_dashboard
        from oversight.monitoring import dashboard, importers, publication  # noqa: F401 - registers

        staff_dashboard.register("monitoring", dashboard.sections, order=30)

        from oversight.core import jobs
        from oversight.monitoring.jobs import JOBS

        for job in JOBS:
            jobs.register(job)
