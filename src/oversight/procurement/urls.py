"""Public pages under /procurement/; staff pages under /staff/procurement/."""

from django.urls import path

from oversight.procurement.views import ocds, public, staff, use

app_name = "procurement"
P = "staff/procurement/proposals/<str:reference>"
H = "staff/procurement/inventory/<str:chain>"
urlpatterns = [
    path("procurement/", public.inventory, name="inventory"),
    path("procurement/proposals/<str:reference>/", public.proposal, name="public_proposal"),
    path("procurement/inventory/<str:chain>/", public.holding, name="public_holding"),
    path("data/ocds/releases.json", ocds.releases, name="ocds_releases"),
    path("data/ocds/records.json", ocds.records, name="ocds_records"),
    path("staff/procurement/", staff.index, name="index"),
    path("staff/procurement/new/", staff.new, name="new"),
    path(f"{P}/", staff.proposal, name="proposal"),
    path(f"{P}/edit/", staff.edit, name="edit"),
    path(f"{P}/submit/", staff.submit, name="submit"),
    path(f"{P}/withdraw/", staff.withdraw, name="withdraw"),
    path(f"{P}/close-comment/", staff.close_comment, name="close_comment"),
    path(f"{P}/meetings/", staff.meeting, name="meeting"),
    path(f"{P}/analysis/", staff.analysis, name="analysis"),
    path(f"{P}/vote/", staff.vote, name="vote"),
    path(f"{P}/decide/", staff.decide, name="decide"),
    path(f"{H}/", use.holding, name="holding"),
    path(f"{H}/policy/", use.draft_policy, name="draft_policy"),
    path(f"{H}/policies/<int:version>/approve/", use.approve_policy, name="approve_policy"),
    path(f"{H}/deployments/", use.deployment, name="deployment"),
    path(f"{H}/reports/", use.annual_report, name="annual_report"),
    path(f"{H}/reports/<int:year>/review/", use.review, name="review"),
    path(f"{H}/suspend/", use.suspend, name="suspend"),
    path(f"{H}/lift/", use.lift, name="lift"),
]
