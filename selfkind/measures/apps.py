from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "selfkind.measures"
    label = "measures"
