"""The API root, at /api/: the description, core's search, and every installed app's API.

Each app that has an API names its URLconf in its AppConfig (`api_urls`); it is mounted under
/api/v1/ in the namespace `api:<app label>`. Core names the apps' modules only as strings from
the registry, so it imports no app.
"""

from django.urls import include, path

from innovera.core.api.schema import PublicSchemaView
from innovera.core.api.search import SearchView
from innovera.core.registry import innovera_apps

app_name = "api"

urlpatterns = [
    path("openapi.json", PublicSchemaView.as_view(), name="openapi"),
    path("v1/search/", SearchView.as_view(), name="search"),
    *(
        path("v1/", include((config.api_urls, config.label)))
        for config in innovera_apps()
        if config.api_urls
    ),
]
