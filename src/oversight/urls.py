from django.urls import include, path

from oversight.accounts.admin_site import admin_site
from oversight.api import api

urlpatterns = [
    path("", include("oversight.monitoring.urls")),  # /trends/, /reports/, /staff/monitoring/
    path("", include("oversight.consultations.urls")),  # before the portal's /<dataset>/
    path("", include("oversight.licensing.urls")),  # /staff/licensing/, /feeds/, /alerts/
    path("", include("oversight.procurement.urls")),  # /procurement/, /staff/procurement/
    path("", include("oversight.portal.urls")),
    path("", include("oversight.accounts.urls")),  # /accounts/… and /staff/…
    path("", include("oversight.registry.urls")),  # /staff/jurisdictions/…
    path("", include("oversight.companies.urls")),  # /staff/companies/…
    path("", include("oversight.grievances.urls")),  # /report/… and /staff/grievances/…
    path("admin/", admin_site.urls),
    path("api/v1/", api.urls),
]
