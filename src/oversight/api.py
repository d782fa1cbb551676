"""The API at /api/v1/: each app adds its router here; OpenAPI at /api/v1/openapi.json."""

from oversight import __version__
from oversight.core.api import OversightAPI

api = OversightAPI(
    title="Oversight API",
    version=__version__,
    description=(
        "Public registers of surveillance technology transfers, licensing and oversight "
        "(A/HRC/41/35). Read endpoints are open; write endpoints take a bearer token "
        "(`Authorization: Bearer ovt_…`, created with `oversight token create USER`). "
        "Every error has one shape, `ErrorOut`: "
        '`{"status": 422, "message": "…", "errors": {"field": ["…"]}}`.'
    ),
    urls_namespace="api",
    docs_url="/docs",
)

from oversight.portal.api import router as portal_router  # noqa: E402 - routers after the api

# Specific write paths first: the portal's generic /<dataset>/{key} would match them too.
api.add_router("/", "oversight.registry.api.router")
api.add_router("/", "oversight.companies.api.router")
api.add_router("/", "oversight.companies.api_audits.router")
api.add_router("/", "oversight.companies.api_diligence.router")
api.add_router("/", "oversight.licensing.api.router")
# Before api_staff: its /licensing/licences/{number}/{move} would take "conditions".
api.add_router("/", "oversight.licensing.api_conditions.router")
api.add_router("/", "oversight.licensing.api_staff.router")
api.add_router("/", "oversight.licensing.api_casework.router")
api.add_router("/", "oversight.portal.log_api.router")
api.add_router("/", "oversight.procurement.api.router")
api.add_router("/vulnerabilities", "oversight.vulnerabilities.api.router")
api.add_router("/", portal_router)
api.add_router("/", "oversight.accounts.api_auth.router")
api.add_router("/monitoring", "oversight.monitoring.api.router")
