"""Staff pages under /staff/licensing/; public letter, feed and alerts."""

from django.urls import path

from oversight.licensing.views import (
    annual_report,
    applicant,
    casework,
    conditions,
    officer,
    pages,
    public,
)

app_name = "licensing"
A = "staff/licensing/applications/<str:reference>"
L = "staff/licensing/licences/<str:number>"
urlpatterns = [
    # Before the licence's status moves (<str:move>/), which would take "conditions".
    path(f"{L}/conditions/", conditions.conditions, name="conditions"),
    path(f"{L}/conditions/<int:pk>/evidence/", conditions.evidence, name="condition_evidence"),
    path(f"{L}/conditions/<int:pk>/assess/", conditions.assess, name="condition_assess"),
    path(f"{L}/proposals/<int:pk>/", conditions.proposal, name="proposal"),
    path("staff/licensing/", pages.applications, name="applications"),
    path("staff/licensing/new/", applicant.new, name="new"),
    path(f"{A}/", pages.detail, name="detail"),
    path(f"{A}/edit/", applicant.edit, name="edit"),
    path(f"{A}/lines/", applicant.add_line, name="add_line"),
    path(f"{A}/lines/<int:number>/remove/", applicant.remove_line, name="remove_line"),
    path(f"{A}/parties/", applicant.add_party, name="add_party"),
    path(f"{A}/parties/<int:pk>/remove/", applicant.remove_party, name="remove_party"),
    path(f"{A}/confidential/", applicant.confidential, name="confidential"),
    path(f"{A}/submit/", applicant.submit, name="submit"),
    path(f"{A}/withdraw/", applicant.withdraw, name="withdraw"),
    path(f"{A}/appeal/", applicant.appeal, name="appeal"),
    path(f"{A}/consultation/", officer.open_consultation, name="open_consultation"),
    path(f"{A}/start-review/", officer.start_review, name="start_review"),
    path(f"{A}/review/", officer.review, name="review"),
    path(f"{A}/decide/", officer.decide, name="decide"),
    path(f"{A}/research-ruling/", officer.research_ruling, name="research_ruling"),
    path(f"{A}/appeals/<int:pk>/decide/", officer.decide_appeal, name="decide_appeal"),
    # Casework (#14 §3-4): the case page's forms, queues, rulings, catch-all notifications.
    path(f"{A}/assign/", casework.assign, name="assign"),
    path(f"{A}/questions/", casework.ask, name="ask"),
    path(f"{A}/questions/<int:pk>/answer/", casework.answer, name="answer"),
    path(f"{A}/advice/", casework.advice, name="advice"),
    path(f"{A}/advice/countersign/", casework.countersign, name="countersign"),
    path(f"{A}/advice/issue/", casework.issue, name="issue_advice"),
    path(f"{A}/rulings/", casework.cite, name="cite_ruling"),
    path("staff/licensing/queues/", casework.queues, name="queues"),
    path("staff/licensing/queues/<slug:slug>/", casework.queue, name="queue"),
    path(
        "staff/licensing/queues/<slug:slug>/bulk-approve/",
        casework.bulk_approve,
        name="bulk_approve",
    ),
    path("staff/licensing/rulings/", casework.ruling_list, name="rulings"),
    path("staff/licensing/rulings/<str:reference>/", casework.ruling_detail, name="ruling"),
    path("staff/licensing/catch-all/", casework.catch_all_list, name="catch_alls"),
    path(
        "staff/licensing/catch-all/<str:reference>/", casework.catch_all_detail, name="catch_all"
    ),
    path(
        "staff/licensing/licences/<str:number>/<str:move>/",
        officer.licence_status,
        name="licence_status",
    ),
    path("licensing/annual-report/<int:year>/", annual_report.page, name="annual_report"),
    path("licensing/decisions/<str:reference>/letter.pdf", public.letter, name="letter"),
    path("feeds/decisions.atom", public.DecisionsFeed(), name="feed"),
    path("alerts/", public.subscribe, name="alerts"),
    path("alerts/confirm/<str:token>/", public.confirm, name="alert_confirm"),
    path("alerts/unsubscribe/<str:token>/", public.unsubscribe, name="alert_unsubscribe"),
]
