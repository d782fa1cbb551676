from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "oversight.procurement"
    label = "procurement"
    verbose_name = "Procurement"

    def ready(self) -> None:
        from oversight.consultations.access import register_manager
        from oversight.procurement import publication, receivers  # noqa: F401 - registers
        from oversight.procurement.access import may_manage_consultation
        from oversight.procurement.models import Proposal

        register_manager(Proposal, may_manage_consultation)

        from oversight.grievances import subjects as grievance_subjects
        from oversight.procurement.subjects import deployed

        grievance_subjects.register("procurement", deployed)

        from oversight.core import dashboard as staff_dashboard
        from oversight.procurement import dashboard

        staff_dashboard.register("procurement", dashboard.sections, order=15)

        from oversight.core import jobs
        from oversight.procurement.jobs import JOBS

        for job in JOBS:
            jobs.register(job)
