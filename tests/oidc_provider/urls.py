from django.contrib.auth import views as auth_views
from django.urls import include, path

from tests.oidc_provider import views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="login.html"), name="login"),
    path("test/scenario/", views.scenario),
    path("test/users/", views.users),
    path("test/redirects/", views.redirects),
    path("", include("oauth2_provider.urls")),
]
