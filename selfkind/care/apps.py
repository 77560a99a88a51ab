from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "selfkind.care"
    label = "care"

    def ready(self) -> None:
        from selfkind.care import today_cache

        today_cache.connect()
