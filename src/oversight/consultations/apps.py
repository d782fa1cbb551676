from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "oversight.consultations"
    label = "consultations"
    verbose_name = "Consultations"

    def ready(self) -> None:
        from oversight.consultations import publication  # noqa: F401 - registers
        from oversight.consultations.jobs import JOBS
        from oversight.core import jobs

        for job in JOBS:
            jobs.register(job)
