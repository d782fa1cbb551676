"""Staff pages under /staff/ (included by accounts.urls, namespace `accounts`)."""

from django.urls import path

from oversight.accounts.views import account, staff

urlpatterns = [
    path("", staff.dashboard_view, name="dashboard"),
    path("account/", account.account, name="account"),
    path("account/tokens/", account.create_token, name="token_create"),
    path("account/tokens/<int:pk>/revoke/", account.revoke_token, name="token_revoke"),
]
