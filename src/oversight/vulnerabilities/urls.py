"""Staff pages under /staff/vulnerabilities/; the public figures are the portal's dataset
/vulnerability-statistics/ (publication.py)."""

from django.urls import path

from oversight.vulnerabilities import views

app_name = "vulnerabilities"
urlpatterns = [
    path("staff/vulnerabilities/", views.vulnerability_list, name="list"),
    path("staff/vulnerabilities/new/", views.record, name="record"),
    path("staff/vulnerabilities/<str:reference>/", views.detail, name="detail"),
    path("staff/vulnerabilities/<str:reference>/decide/", views.decide, name="decide"),
    path("staff/vulnerabilities/<str:reference>/progress/", views.progress, name="progress"),
]
