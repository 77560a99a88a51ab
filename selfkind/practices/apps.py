from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "selfkind.practices"
    label = "practices"
