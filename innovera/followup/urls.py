from django.urls import path

from innovera.followup import views

app_name = "followup"

urlpatterns = [
    path("uppfoljning/", views.city, name="city"),
    path("uppfoljning/typ/<str:kind>/", views.unit_type, name="unit_type"),
    path("uppfoljning/enhet/<slug:slug>/", views.unit, name="unit"),
    path("uppfoljning/export.<str:file_format>", views.export, name="export"),
    path("uppfoljning/rakna-om/", views.refresh, name="refresh"),
    path("uppfoljning/rakna-om/<int:pk>/", views.recount, name="recount"),
    path("uppfoljning/mal/", views.goal_list, name="goal_list"),
    path("uppfoljning/mal/nytt/", views.goal_create, name="goal_create"),
    path("uppfoljning/mal/<int:pk>/", views.goal_edit, name="goal_edit"),
    path("uppfoljning/mal/<int:pk>/ta-bort/", views.goal_delete, name="goal_delete"),
    path("oppna-data/", views.open_data, name="open_data"),
    path("oppna-data/datapackage.json", views.datapackage, name="datapackage"),
    path("oppna-data/katalog.rdf", views.catalogue, name="catalogue"),
    path("oppna-data/<slug:code>.<str:file_format>", views.dataset_download, name="dataset"),
]
