from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "selfkind.rights"
    label = "rights"
    verbose_name = "Data rights"
