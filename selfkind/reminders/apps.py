from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "selfkind.reminders"
    label = "reminders"
