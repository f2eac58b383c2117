from django.urls import path

from . import views

app_name = "needs"

urlpatterns = [
    path("grundgesamtheit/", views.population, name="population"),
    path(
        "grundgesamtheit/<int:pk>/aktivieren/",
        views.population_activate,
        name="population_activate",
    ),
]
