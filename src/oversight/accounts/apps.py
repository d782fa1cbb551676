from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "oversight.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from oversight.accounts import checks  # noqa: F401 - registers the system checks
        from oversight.accounts.dashboard import role_sections
        from oversight.core import dashboard

        dashboard.register("accounts", role_sections, order=0)
