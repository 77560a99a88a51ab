from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "selfkind.care"
    label = "care"
