"""URLs of the concept designer, mounted at /konzepte/. Every view declares its access rule (see
zukunftszentrum.core.access)."""

from django.urls import path

from . import views

app_name = "concepts"

urlpatterns = [
    path("", views.index, name="index"),
    path("ressourcen/", views.resources, name="resources"),
    path("orte/neu/", views.place_add, name="place_add"),
    path("orte/<int:pk>/entfernen/", views.place_remove, name="place_remove"),
    path("vergleich/", views.compare, name="compare"),
    path("neu/", views.scenario_new, name="scenario_new"),
    path("<int:pk>/", views.scenario, name="scenario"),
    path("<int:pk>/bearbeiten/", views.scenario_change, name="scenario_change"),
    path("<int:pk>/berechnen/", views.scenario_solve, name="scenario_solve"),
    path("<int:pk>/loeschen/", views.scenario_delete, name="scenario_delete"),
    path("<int:pk>/positionen/neu/", views.item_add, name="item_add"),
    path(
        "<int:pk>/positionen/<int:item_pk>/<slug:change>/",
        views.item_change,
        name="item_change",
    ),
    path("<int:pk>/veroeffentlichen/", views.publish, name="publish"),
    path("<int:pk>/konzept.pdf", views.concept_pdf, name="concept_pdf"),
    path("<int:pk>/plan.xlsx", views.plan_xlsx, name="plan_xlsx"),
]
