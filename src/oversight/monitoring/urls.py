"""Staff pages under /staff/monitoring/; public trends and reports under /trends/, /reports/."""

from django.urls import path

from oversight.monitoring import public_views, views, views_letters

app_name = "monitoring"
urlpatterns = [
    path("trends/", public_views.trends_page, name="trends"),
    path("trends/<slug:slug>.csv", public_views.trend_csv, name="trend_csv"),
    path("reports/", public_views.report_page, name="public_report"),
    path("staff/monitoring/", views.home, name="home"),
    path("staff/monitoring/cases/new/", views.case_create, name="case_create"),
    path("staff/monitoring/cases/<int:pk>/", views.case_detail, name="case"),
    path("staff/monitoring/cases/<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("staff/monitoring/cases/<int:pk>/victims/", views.victim_add, name="victim_add"),
    path("staff/monitoring/cases/<int:pk>/sources/", views.source_add, name="source_add"),
    path("staff/monitoring/cases/<int:pk>/status/", views.case_status, name="case_status"),
    path(
        "staff/monitoring/communications/new/",
        views_letters.communication_create,
        name="communication_create",
    ),
    path(
        "staff/monitoring/communications/<int:pk>/",
        views_letters.communication_detail,
        name="communication",
    ),
    path("staff/monitoring/report/", views_letters.report, name="report"),
    path("staff/monitoring/report/publish/", views_letters.publish_window, name="publish_window"),
]
