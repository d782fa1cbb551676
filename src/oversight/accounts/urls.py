"""Sign-in, password and staff URLs, all in the `accounts` namespace.

Mounted at the site root: `/accounts/…` for signing in, `/staff/…` for staff work.
"""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from oversight.accounts import staff_urls
from oversight.accounts.views import login, password

app_name = "accounts"

auth_patterns = [
    path("login/", login.login_view, name="login"),
    path("login/verify/", login.verify_view, name="verify"),
    path("login/enrol/", login.enrol_view, name="enrol"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", password.password_change, name="password_change"),
    path("password/change/done/", password.password_change_done, name="password_change_done"),
    path("password/reset/", password.password_reset, name="password_reset"),
    path("password/reset/sent/", password.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        password.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        password.password_reset_complete,
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("accounts/", include(auth_patterns)),
    path("staff/", include(staff_urls.urlpatterns)),
]
