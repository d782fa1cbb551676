"""Staff pages under /staff/ (included by accounts.urls, namespace `accounts`)."""

from django.urls import path

from oversight.accounts.views import account, staff

urlpatterns = [
    path("", staff.dashboard, name="dashboard"),
    path("technologies/<slug:slug>/", staff.technology_detail, name="technology"),
    path("transfers/<path:external_id>/", staff.transfer_detail, name="transfer"),
    path("account/", account.account, name="account"),
    path("account/tokens/", account.create_token, name="token_create"),
    path("account/tokens/<int:pk>/revoke/", account.revoke_token, name="token_revoke"),
]
