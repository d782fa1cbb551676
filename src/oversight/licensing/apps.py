from django.apps import AppConfig


class LicensingConfig(AppConfig):
    name = "oversight.licensing"
    label = "licensing"
    verbose_name = "Licensing"

    def ready(self) -> None:
        from oversight.consultations.access import register_manager
        from oversight.licensing import (  # noqa: F401 - registers
            publication,
            publication_casework,
            receivers,
        )
        from oversight.licensing.access import may_manage_consultation
        from oversight.licensing.models import Application

        register_manager(Application, may_manage_consultation)

        from oversight.consultations.staff_views import register_page
        from oversight.licensing.views.comments import application_page

        register_page(Application._meta.label, application_page)

        from oversight.core import dashboard as staff_dashboard
        from oversight.licensing import dashboard

        staff_dashboard.register("licensing", dashboard.sections, order=10)

        from oversight.core import jobs
        from oversight.licensing.jobs import JOBS

        for job in JOBS:
            jobs.register(job)
