from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "selfkind.accounts"
    label = "accounts"
    verbose_name = "Accounts"
