from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "oversight.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from oversight.accounts import checks  # noqa: F401 - registers the system checks
