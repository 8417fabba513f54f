"""The discussion groups' pages under /grupper/, in the `spreading` namespace."""

from django.urls import path

from innovera.spreading.groups import views

urlpatterns = [
    path("", views.group_list, name="group_list"),
    path("ny/", views.group_create, name="group_create"),
    path("inbjudningar/", views.group_invitations, name="group_invitations"),
    path("inbjudningar/<int:pk>/svara/", views.invitation_respond, name="group_invitation_respond"),
    path("<slug:slug>/", views.group_detail, name="group_detail"),
    path("<slug:slug>/skriv/", views.group_post_create, name="group_post_create"),
    path("<slug:slug>/ga-med/", views.group_join, name="group_join"),
    path("<slug:slug>/be-om-att-fa-ga-med/", views.group_ask, name="group_ask"),
    path("<slug:slug>/lamna/", views.group_leave, name="group_leave"),
    path("<slug:slug>/folj/", views.group_follow, name="group_follow"),
    path("<slug:slug>/medlemmar/", views.group_members, name="group_members"),
    path("<slug:slug>/medlemmar/bjud-in/", views.group_invite, name="group_invite"),
    path(
        "<slug:slug>/medlemmar/forfragningar/<int:pk>/",
        views.join_request_decide,
        name="group_request_decide",
    ),
    path("<slug:slug>/medlemmar/<int:pk>/", views.member_manage, name="group_member_manage"),
    path("<slug:slug>/moderering/", views.group_moderation, name="group_moderation"),
    path("<slug:slug>/tradar/<int:pk>/", views.group_thread, name="group_thread"),
    path("<slug:slug>/tradar/<int:pk>/svara/", views.post_reply, name="group_post_reply"),
    path("<slug:slug>/tradar/<int:pk>/folj/", views.thread_follow, name="group_thread_follow"),
    path("<slug:slug>/inlagg/<int:pk>/anmal/", views.post_report, name="group_post_report"),
    path("<slug:slug>/inlagg/<int:pk>/moderera/", views.post_moderate, name="group_post_moderate"),
    path(
        "<slug:slug>/inlagg/<int:pk>/bilagor/<int:attachment_id>/",
        views.post_attachment,
        name="group_post_attachment",
    ),
]
