from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "selfkind.lib"
    label = "selfkind_lib"
