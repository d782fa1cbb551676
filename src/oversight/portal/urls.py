from django.urls import path

from oversight.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("jurisdictions/", views.placeholder, name="jurisdictions"),
    path("organisations/", views.placeholder, name="organisations"),
    path("technologies/", views.placeholder, name="technologies"),
    path("transfers/", views.placeholder, name="transfers"),
    path("licence-statistics/", views.placeholder, name="licence_statistics"),
    path("transparency/log/", views.placeholder, name="transparency_log"),
    path("about/data/", views.placeholder, name="about_data"),
]
