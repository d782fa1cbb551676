from django.urls import path

from oversight.registry import views

app_name = "registry"
urlpatterns = [
    path("staff/jurisdictions/", views.jurisdictions, name="jurisdictions"),
    path(
        "staff/jurisdictions/<str:code>/",
        views.jurisdiction_settings,
        name="jurisdiction_settings",
    ),
]
