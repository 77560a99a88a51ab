from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "selfkind.journal"
    label = "journal"
