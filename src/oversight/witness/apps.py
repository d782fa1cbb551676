from django.apps import AppConfig


class WitnessConfig(AppConfig):
    name = "oversight.witness"
    label = "witness"
    verbose_name = "Witness"
