"""Staff pages of a company's compliance record, under /staff/companies/; its public page."""

from django.urls import path, re_path

from oversight.companies import views

app_name = "companies"
urlpatterns = [
    path("staff/companies/", views.home, name="home"),
    path("staff/companies/<slug:slug>/", views.company, name="company"),
    re_path(
        r"^staff/companies/(?P<slug>[-\w]+)/(?P<kind>commitment|due-diligence|safeguard|misuse)/$",
        views.add,
        name="add",
    ),
    path(
        "staff/companies/<slug:slug>/misuse/<int:pk>/status/",
        views.misuse_status,
        name="misuse_status",
    ),
    path(
        "staff/companies/<slug:slug>/misuse/<int:pk>/information/",
        views.misuse_information,
        name="misuse_information",
    ),
    # The contract register and the stage assessments (views.add, with their kind).
    path(
        "staff/companies/<slug:slug>/contracts/",
        views.add,
        {"kind": "contract"},
        name="add_contract",
    ),
    path(
        "staff/companies/<slug:slug>/assessments/",
        views.add,
        {"kind": "assessment"},
        name="add_assessment",
    ),
    path("staff/misuse-reports/", views.assessments, name="assessments"),
    path("companies/<slug:slug>/", views.company_page, name="public"),
    path("staff/misuse-reports/<int:pk>/", views.assessment, name="assessment"),
    # Standards of conduct and independent audits (views/audits.py).
    path("staff/standards/", views.standards, name="standards"),
    path("staff/standards/accreditations/", views.accredit, name="accredit"),
    path("staff/standards/<slug:slug>/<int:number>/", views.version, name="version"),
    re_path(
        r"^staff/standards/(?P<slug>[-\w]+)/(?P<number>[0-9]+)/(?P<act>requirement|vote|adoption|next)/$",
        views.version_act,
        name="version_act",
    ),
    path("staff/audits/", views.audits, name="audits"),
    path("staff/audits/conflicts/", views.declare_conflict, name="declare_conflict"),
    path("staff/audits/new/<slug:slug>/", views.open_audit, name="open_audit"),
    path("staff/audits/<int:pk>/", views.audit, name="audit"),
    re_path(
        r"^staff/audits/(?P<pk>[0-9]+)/(?P<act>independence|finding|plan|done|verification|publication|withdrawal)/$",
        views.audit_act,
        name="audit_act",
    ),
]
