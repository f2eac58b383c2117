"""The self-learning player, mounted at /lernen/einheiten/. Every view declares its access rule
(see zukunftszentrum.core.access). Fixed paths come before `<unit>/`."""

from django.urls import URLPattern, path

from . import views, views_authors

app_name = "self_learning"

urlpatterns: list[URLPattern] = [
    path("", views.unit_list, name="list"),
    path("statistik/", views_authors.statistics_overview, name="statistics"),
    path("statistik/<slug:unit>/", views_authors.unit_statistics, name="unit_statistics"),
    path("versuch/<uuid:pk>/", views.attempt, name="attempt"),
    path("versuch/<uuid:pk>/auswertung/", views.attempt_review, name="review"),
    path("link/<str:token>/", views.token_home, name="token_home"),
    path("link/<str:token>/abschnitt/<int:number>/", views.token_section, name="token_section"),
    path("link/<str:token>/test/", views.token_quiz, name="token_quiz"),
    path("link/<str:token>/versuch/<uuid:pk>/", views.token_attempt, name="token_attempt"),
    path("link/<str:token>/versuch/<uuid:pk>/auswertung/", views.token_review, name="token_review"),
    path("link/<str:token>/uebernehmen/", views.token_claim, name="token_claim"),
    path("<slug:unit>/", views.unit, name="unit"),
    path("<slug:unit>/starten/", views.start, name="start"),
    path("<slug:unit>/druck/", views.print_unit, name="print"),
    path("<slug:unit>/abschnitt/<int:number>/", views.section, name="section"),
    path("<slug:unit>/test/", views.quiz, name="quiz"),
]
