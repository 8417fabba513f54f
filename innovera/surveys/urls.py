from django.urls import path

from innovera.surveys import views_answer, views_office

app_name = "surveys"

urlpatterns = [
    path("enkat/<str:token>/", views_answer.answer_start, name="answer_start"),
    path("enkat/<str:token>/sida/<int:number>/", views_answer.answer_page, name="answer_page"),
    path("enkat/<str:token>/skicka/", views_answer.answer_review, name="answer_review"),
    path("enkater/", views_office.round_list, name="round_list"),
    path("enkater/mallar/", views_office.template_list, name="template_list"),
    path("enkater/mallar/<slug:key>/", views_office.template_edit, name="template_edit"),
    path("enkater/<slug:name>/", views_office.round_detail, name="round_detail"),
    path("enkater/<slug:name>/bjud-in/", views_office.round_invite, name="round_invite"),
    path("enkater/<slug:name>/paminn/", views_office.round_remind, name="round_remind"),
    path("enkater/<slug:name>/import/", views_office.round_import, name="round_import"),
    path(
        "enkater/<slug:name>/import/<int:job_id>/",
        views_office.import_job_detail,
        name="import_job",
    ),
    path("enkater/<slug:name>/resultat/", views_office.round_results, name="round_results"),
    path(
        "enkater/<slug:name>/rapport.<str:file_format>",
        views_office.round_report,
        name="round_report",
    ),
]
