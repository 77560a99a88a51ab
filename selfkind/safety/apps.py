from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "selfkind.safety"
    label = "safety"
