from django.apps import AppConfig


class WitnessConfig(AppConfig):
    name = "oversight.witness"
    label = "witness"
    verbose_name = "Witness"

    def ready(self) -> None:
        from oversight.core import jobs
        from oversight.witness.jobs import JOBS

        for job in JOBS:
            jobs.register(job)
