from django.urls import path

from innovera.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("tillganglighet/", views.accessibility_statement, name="accessibility"),
    path("personuppgifter/", views.privacy_notice, name="privacy"),
    path("healthz", views.healthz, name="healthz"),
    path("sok/", views.search, name="search"),
    path("mitt-arbete/", views.my_work, name="my_work"),
]
