from django.apps import AppConfig


class VulnerabilitiesConfig(AppConfig):
    name = "oversight.vulnerabilities"
    label = "vulnerabilities"
    verbose_name = "Vulnerabilities equities"

    def ready(self) -> None:
        from oversight.core import audit, jobs
        from oversight.vulnerabilities import publication  # noqa: F401 - registers
        from oversight.vulnerabilities.jobs import JOBS

        # The public log shows these entries as "restricted", with their day only: the
        # moment an agency records a vulnerability or the board decides is not public.
        audit.mark_private("vulnerabilities.")
        for job in JOBS:
            jobs.register(job)

        from oversight.core import dashboard as staff_dashboard
        from oversight.vulnerabilities import dashboard

        staff_dashboard.register("vulnerabilities", dashboard.sections, order=45)
