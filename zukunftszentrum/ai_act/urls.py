"""This app's pages. Every view declares its access rule (see zukunftszentrum.core.access)."""

from django.urls import URLPattern, path

from . import views_knowledge

app_name = "ai_act"

urlpatterns: list[URLPattern] = [
    path("wissen/", views_knowledge.knowledge_index, name="knowledge"),
    path("wissen/<slug:family>/", views_knowledge.factsheet, name="factsheet"),
    path("hinweise/", views_knowledge.notice_templates, name="notices"),
    path(
        "hinweise/<int:organisation>/",
        views_knowledge.notice_templates_filled,
        name="notices_filled",
    ),
]
