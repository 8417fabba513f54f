from django.urls import include, path

from innovera.ideas import views, views_process
from innovera.ideas.feeds import PublicIdeasFeed

app_name = "ideas"

urlpatterns = [
    path("ideer/", views.idea_list, name="idea_list"),
    path("ideer/ny/", views.idea_submit, name="idea_submit"),
    path("ideer/liknande/", views.idea_similar, name="idea_similar"),
    path("ideer/flode/", PublicIdeasFeed(), name="idea_feed"),
    path("ideer/rangordning/", views.ranking, name="ranking"),
    path("ideer/att-fordela/", views.unassigned, name="unassigned"),
    path("ideer/export.<str:file_format>", views.idea_export, name="idea_export"),
    path("ideer/<int:pk>/", views.idea_detail, name="idea_detail"),
    path("ideer/<int:pk>/flytta/", views.idea_move, name="idea_move"),
    path("ideer/<int:pk>/stod/", views.idea_support, name="idea_support"),
    path("ideer/<int:pk>/folj/", views.idea_follow, name="idea_follow"),
    path("ideer/<int:pk>/kommentera/", views.idea_comment, name="idea_comment"),
    path("ideer/<int:pk>/poang/", views.idea_score, name="idea_score"),
    path("ideer/<int:pk>/pilot/", views.idea_pilot, name="idea_pilot"),
    path("ideer/<int:pk>/pilot/<int:pilot_id>/beslut/", views.pilot_decide, name="pilot_decide"),
    path("ideer/<int:pk>/effekt/", views.idea_effect, name="idea_effect"),
    path("ideer/<int:pk>/lardom/", views.idea_lesson, name="idea_lesson"),
    path("ideer/<int:pk>/dirigera/", views.idea_route, name="idea_route"),
    path("ideer/<int:pk>/klassificera/", views.idea_classify, name="idea_classify"),
    path(
        "ideer/<int:pk>/bilagor/<int:attachment_id>/", views.attachment_download, name="attachment"
    ),
    path("utmaningar/", views.challenge_list, name="challenge_list"),
    path("utmaningar/ny/", views.challenge_create, name="challenge_create"),
    path("utmaningar/<slug:slug>/", views.challenge_detail, name="challenge_detail"),
    path("notiser/", views.notifications, name="notifications"),
]

# The innovation office's process settings, below "ideer/process/".
process_patterns = [
    path("", views_process.overview, name="process_overview"),
    path("steg/ny/", views_process.stage_create, name="process_stage_create"),
    path("steg/<int:pk>/", views_process.stage_edit, name="process_stage_edit"),
    path("steg/<int:pk>/ta-bort/", views_process.stage_delete, name="process_stage_delete"),
    path("overgangar/", views_process.transitions, name="process_transitions"),
    path("kriterier/ny/", views_process.criterion_create, name="process_criterion_create"),
    path("kriterier/<int:pk>/", views_process.criterion_edit, name="process_criterion_edit"),
    path("dirigering/", views_process.routing, name="process_routing"),
    path(
        "dirigering/<int:pk>/ta-bort/",
        views_process.routing_rule_remove,
        name="process_routing_remove",
    ),
]
urlpatterns += [path("ideer/process/", include(process_patterns))]
