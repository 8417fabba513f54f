from django.urls import include, path

from innovera.spreading import urls_awards as award_urls
from innovera.spreading import views
from innovera.spreading.groups import urls as group_urls

app_name = "spreading"

urlpatterns = [
    path("goda-exempel/", views.example_list, name="example_list"),
    path("goda-exempel/nytt/", views.example_create, name="example_create"),
    path("goda-exempel/fran-ide/<int:idea_pk>/", views.example_from_idea, name="example_from_idea"),
    path("goda-exempel/<slug:slug>/", views.example_detail, name="example_detail"),
    path("goda-exempel/<slug:slug>/andra/", views.example_edit, name="example_edit"),
    path("goda-exempel/<slug:slug>/publicera/", views.example_publish, name="example_publish"),
    path("goda-exempel/<slug:slug>/bilder/", views.example_image_add, name="example_image_add"),
    path(
        "goda-exempel/<slug:slug>/bilder/<int:image_id>/",
        views.example_image,
        name="example_image",
    ),
    path(
        "goda-exempel/<slug:slug>/bilagor/",
        views.example_attachment_add,
        name="example_attachment_add",
    ),
    path(
        "goda-exempel/<slug:slug>/bilagor/<int:attachment_id>/",
        views.example_attachment,
        name="example_attachment",
    ),
    path("goda-exempel/<slug:slug>/siffror/", views.example_figure_add, name="example_figure_add"),
    path("goda-exempel/<slug:slug>/vi-vill-ocksa/", views.example_adopt, name="example_adopt"),
    path(
        "goda-exempel/<slug:slug>/spridning/<int:pk>/",
        views.adoption_detail,
        name="adoption_detail",
    ),
    path(
        "goda-exempel/<slug:slug>/spridning/<int:pk>/andra/",
        views.adoption_edit,
        name="adoption_edit",
    ),
    path(
        "goda-exempel/<slug:slug>/spridning/<int:pk>/iden-spridd/",
        views.adoption_mark_spread,
        name="adoption_mark_spread",
    ),
    path("kunskapsdelning/", views.session_list, name="session_list"),
    path("kunskapsdelning/ny/", views.session_create, name="session_create"),
    path("kunskapsdelning/mina-bokningar/", views.my_bookings, name="my_bookings"),
    path("kunskapsdelning/kalender/fornya/", views.calendar_renew, name="calendar_renew"),
    path("kunskapsdelning/kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("kunskapsdelning/kampanjer/ny/", views.campaign_create, name="campaign_create"),
    path("kunskapsdelning/kampanjer/<slug:slug>/", views.campaign_detail, name="campaign_detail"),
    path("kunskapsdelning/<int:pk>/", views.session_detail, name="session_detail"),
    path("kunskapsdelning/<int:pk>/andra/", views.session_edit, name="session_edit"),
    path("kunskapsdelning/<int:pk>/stall-in/", views.session_cancel, name="session_cancel"),
    path("kunskapsdelning/<int:pk>/boka/", views.session_book, name="session_book"),
    path("kunskapsdelning/<int:pk>/avboka/", views.booking_cancel, name="booking_cancel"),
    path("kunskapsdelning/<int:pk>/deltagare/", views.session_attendees, name="session_attendees"),
    path(
        "kunskapsdelning/<int:pk>/deltagare/<int:booking_id>/avboka/",
        views.attendee_cancel,
        name="attendee_cancel",
    ),
    path("kunskapsdelning/<int:pk>/kalender.ics", views.session_ics, name="session_ics"),
    path("spridning/notiser/", views.notices, name="notices"),
    # Part 2: awards and competitions, and discussion groups (their own modules, in this
    # namespace).
    path("utmarkelser/", include(award_urls.urlpatterns)),
    path("grupper/", include(group_urls.urlpatterns)),
]
