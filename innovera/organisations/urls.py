from django.urls import path

from innovera.organisations import oidc, views, views_account

app_name = "organisations"

_reset = views.password_reset_views()

urlpatterns = [
    path("enheter/", views.unit_directory, name="unit_directory"),
    path("enheter/<slug:slug>/", views.unit_detail, name="unit_detail"),
    path("konto/logga-in/", views.SignInView.as_view(), name="login"),
    path("konto/logga-ut/", views.SignOutView.as_view(), name="logout"),
    path("konto/utloggad/", views_account.signed_out, name="signed_out"),
    path("konto/stadens-konto/", oidc.CitySignInView.as_view(), name="oidc_sign_in"),
    path("konto/stadens-konto/svar/", oidc.CityCallbackView.as_view(), name="oidc_callback"),
    path("konto/stadens-konto/misslyckades/", oidc.sign_in_failed, name="oidc_failed"),
    path("konto/mina-uppgifter/", views_account.my_data, name="my_data"),
    path("konto/radera/", views_account.erase_account, name="erase_account"),
    path("konto/raderat/", views_account.erased, name="erased"),
    path("konton/att-placera/", views_account.people_to_place, name="people_to_place"),
    path("granskningslogg/", views_account.audit_log, name="audit_log"),
    path("granskningslogg/csv/", views_account.audit_log_csv, name="audit_log_csv"),
    path("konto/skapa/", views.sign_up, name="sign_up"),
    path("konto/skapa/klart/", views.sign_up_done, name="sign_up_done"),
    path("konto/verifiera/<str:token>/", views.verify_email, name="verify_email"),
    path("konto/verifiera-igen/", views.resend_verification, name="resend_verification"),
    path("konto/", views.profile, name="profile"),
    path("konto/byt-losenord/", views.PasswordChangeView.as_view(), name="password_change"),
    path("konto/losenord/", _reset["reset"], name="password_reset"),
    path("konto/losenord/skickat/", _reset["done"], name="password_reset_done"),
    path("konto/losenord/<uidb64>/<token>/", _reset["confirm"], name="password_reset_confirm"),
    path("konto/losenord/klart/", _reset["complete"], name="password_reset_complete"),
]
