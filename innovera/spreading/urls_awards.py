"""The awards' and competitions' pages under /utmarkelser/, in the `spreading` namespace."""

from django.urls import path

from innovera.spreading import views_awards as views

urlpatterns = [
    path("", views.award_list, name="award_list"),
    path(
        "mina-nomineringar/",
        views.award_my_nominations,
        name="award_my_nominations",
    ),
    path("jury/", views.award_jury_work, name="award_jury_work"),
    path("ny-omgang/", views.award_round_create, name="award_round_create"),
    path("bekrafta/<str:token>/", views.award_confirm, name="award_confirm"),
    path(
        "bekrafta/<str:token>/dra-tillbaka/",
        views.award_entry_withdraw,
        name="award_entry_withdraw",
    ),
    path("<slug:slug>/", views.award_round, name="award_round"),
    path("<slug:slug>/nominera/", views.award_nominate, name="award_nominate"),
    path("<slug:slug>/bidrag/", views.award_enter, name="award_enter"),
    path("<slug:slug>/starta/", views.award_advance, name="award_advance"),
    path(
        "<slug:slug>/nomineringar/<int:pk>/dra-tillbaka/",
        views.award_withdraw,
        name="award_withdraw",
    ),
    path("<slug:slug>/jury/", views.award_jury, name="award_jury"),
    path("<slug:slug>/juryn/", views.award_jurors, name="award_jurors"),
    path(
        "<slug:slug>/juryn/<int:pk>/ordforande/",
        views.award_juror_chair,
        name="award_juror_chair",
    ),
    path(
        "<slug:slug>/juryn/<int:pk>/ta-bort/",
        views.award_juror_remove,
        name="award_juror_remove",
    ),
    path("<slug:slug>/jury/<int:pk>/", views.award_score, name="award_score"),
    path(
        "<slug:slug>/jury/<int:pk>/jav/",
        views.award_conflict,
        name="award_conflict",
    ),
    path("<slug:slug>/ordforande/", views.award_chair, name="award_chair"),
    path("<slug:slug>/publicera/", views.award_publish, name="award_publish"),
    path("<slug:slug>/resultat/", views.award_results, name="award_results"),
]
