from django.urls import include, path, re_path

from oversight.accounts.admin_site import admin_site
from oversight.api import api
from oversight.core.api import not_found

urlpatterns = [
    path("", include("oversight.monitoring.urls")),  # /trends/, /reports/, /staff/monitoring/
    path("", include("oversight.consultations.urls")),  # before the portal's /<dataset>/
    path("", include("oversight.licensing.urls")),  # /staff/licensing/, /feeds/, /alerts/
    path("", include("oversight.procurement.urls")),  # /procurement/, /staff/procurement/
    path("", include("oversight.vulnerabilities.urls")),  # /staff/vulnerabilities/
    path("", include("oversight.portal.urls")),
    path("", include("oversight.accounts.urls")),  # /accounts/… and /staff/…
    path("", include("oversight.registry.urls")),  # /staff/jurisdictions/…
    path("", include("oversight.companies.urls")),  # /staff/companies/…
    path("", include("oversight.grievances.urls")),  # /report/… and /staff/grievances/…
    path("admin/", admin_site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", not_found),  # after every operation: JSON, not a page
]
