from django.urls import path

from . import downloads, views

app_name = "needs"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("fortschritt/", views.progress, name="progress"),
    path("neu-berechnen/", views.recompute, name="recompute"),
    path("export.<str:fmt>", downloads.export, name="export"),
    path("bericht.pdf", downloads.report, name="report"),
    path("grundgesamtheit/", views.population, name="population"),
    path(
        "grundgesamtheit/<int:pk>/aktivieren/",
        views.population_activate,
        name="population_activate",
    ),
]
