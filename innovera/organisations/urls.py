from django.urls import path

from innovera.organisations import views

app_name = "organisations"

_reset = views.password_reset_views()

urlpatterns = [
    path("enheter/", views.unit_directory, name="unit_directory"),
    path("enheter/<slug:slug>/", views.unit_detail, name="unit_detail"),
    path("konto/logga-in/", views.SignInView.as_view(), name="login"),
    path("konto/logga-ut/", views.SignOutView.as_view(), name="logout"),
    path("konto/skapa/", views.sign_up, name="sign_up"),
    path("konto/skapa/klart/", views.sign_up_done, name="sign_up_done"),
    path("konto/verifiera/<str:token>/", views.verify_email, name="verify_email"),
    path("konto/verifiera-igen/", views.resend_verification, name="resend_verification"),
    path("konto/", views.profile, name="profile"),
    path("konto/losenord/", _reset["reset"], name="password_reset"),
    path("konto/losenord/skickat/", _reset["done"], name="password_reset_done"),
    path("konto/losenord/<uidb64>/<token>/", _reset["confirm"], name="password_reset_confirm"),
    path("konto/losenord/klart/", _reset["complete"], name="password_reset_complete"),
]
