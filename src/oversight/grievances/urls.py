"""/report/ for complainants, /staff/grievances/ for handlers (namespace `grievances`)."""

from django.urls import path

from oversight.grievances.views import complainant, staff

app_name = "grievances"

urlpatterns = [
    path("report/", complainant.report, name="report"),
    path("report/to/<slug:slug>/", complainant.report, name="report_to"),
    path("report/status/", complainant.status, name="status"),
    path("staff/grievances/", staff.inbox, name="inbox"),
    path("staff/grievances/unlock/", staff.unlock, name="unlock"),
    path("staff/grievances/lock/", staff.lock, name="lock"),
    path("staff/grievances/channels/<slug:slug>/admit/", staff.admit, name="admit"),
    path("staff/grievances/<str:reference>/", staff.detail, name="report"),
    path("staff/grievances/<str:reference>/files/<int:pk>/", staff.download, name="file"),
    path("staff/grievances/<str:reference>/<slug:name>/", staff.step, name="step"),
]
