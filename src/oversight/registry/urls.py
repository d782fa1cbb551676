from django.urls import path

from oversight.registry import staff_views, views

app_name = "registry"
urlpatterns = [
    path("staff/jurisdictions/", views.jurisdictions, name="jurisdictions"),
    path(
        "staff/jurisdictions/<str:code>/",
        views.jurisdiction_settings,
        name="jurisdiction_settings",
    ),
    path("staff/organisations/", views.organisations, name="organisations"),
    path("staff/technologies/<slug:slug>/", staff_views.technology_detail, name="technology"),
    path("staff/transfers/<path:external_id>/", staff_views.transfer_detail, name="transfer"),
]
