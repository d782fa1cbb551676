from django.urls import path, register_converter

from oversight.core import publication
from oversight.portal import opendata, search, transparency, views


class DatasetConverter:
    """Matches only the name of a registered public dataset, so `/<dataset>/` never
    shadows /staff/, /admin/ or /api/, and a new schema gets its pages at once."""

    regex = "[a-z0-9][a-z0-9-]*"

    def to_python(self, value: str) -> str:
        try:
            publication.get(value)
        except LookupError:
            raise ValueError(value) from None  # not ours: let the next pattern try
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(DatasetConverter, "dataset")

# Named shortcuts for the registers the navigation and other apps link to.
NAMED = {
    "jurisdictions": "jurisdictions",
    "organisations": "organisations",
    "technologies": "technologies",
    "transfers": "transfers",
    "licence-statistics": "licence_statistics",
    "control-entries": "control_entries",
}

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", transparency.healthz, name="healthz"),
    path("transparency/log/", transparency.transparency_log, name="transparency_log"),
    path("transparency/key", transparency.key, name="transparency_key"),
    path("about/data/", views.about_data, name="about_data"),
    path("search/", search.search_page, name="search"),
    # Open data; /data/ocds/… belongs to procurement.
    path("data/", opendata.index, name="data"),
    path("data/datapackage.json", opendata.package, name="data_package"),
    path("data/audit-checkpoint.txt", opendata.checkpoint, name="data_checkpoint"),
    path("data/ftm/entities.ndjson", opendata.ftm_entities, name="data_ftm"),
    path("data/<dataset:dataset>.<str:fmt>", opendata.download, name="data_download"),
    *(
        path(f"{dataset}/", views.dataset_list, {"dataset": dataset}, name=name)
        for dataset, name in NAMED.items()
    ),
    path("<dataset:dataset>/", views.dataset_list, name="dataset"),
    path("<dataset:dataset>/<path:key>/", views.record, name="record"),
]
