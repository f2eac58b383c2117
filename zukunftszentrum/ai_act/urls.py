"""This app's pages. Every view declares its access rule (see zukunftszentrum.core.access)."""

from django.urls import URLPattern, path

from . import literacy_views, views_knowledge
from .views import classify, imports, inventory, results

app_name = "ai_act"

urlpatterns: list[URLPattern] = [
    path("", inventory.systems, name="systems"),
    path("neu/", inventory.system_create, name="system_create"),
    path("export.xlsx", inventory.systems_export, name="systems_export"),
    path("import/", imports.systems_import, name="systems_import"),
    path("import/pruefen/", imports.systems_import_review, name="systems_import_review"),
    path("aufgaben/", results.todo, name="todo"),
    path("bericht.pdf", results.report_pdf, name="report_pdf"),
    path("<int:pk>/", inventory.system_detail, name="system_detail"),
    path("<int:pk>/bearbeiten/", inventory.system_edit, name="system_edit"),
    path("<int:pk>/ausser-betrieb/", inventory.system_retire, name="system_retire"),
    path("<int:pk>/einstufen/", classify.classify, name="classify"),
    path("<int:pk>/einstufen/pruefen/", classify.classify_review, name="classify_review"),
    path(
        "<int:pk>/einstufen/<slug:question>/", classify.classify_question, name="classify_question"
    ),
    path("<int:pk>/neu-pruefen/", results.recheck, name="recheck"),
    path("<int:pk>/pflicht/", results.duty_status, name="duty_status"),
    path("<int:pk>/information/", results.letter, name="letter"),
    path("<int:pk>/information.pdf", results.letter_pdf, name="letter_pdf"),
    # The Art. 4 record (literacy*.py)
    path("ki-kompetenz/<int:organisation>/", literacy_views.record, name="literacy"),
    path(
        "ki-kompetenz/<int:organisation>/nachweis.pdf",
        literacy_views.record_pdf,
        name="literacy_pdf",
    ),
    path(
        "ki-kompetenz/<int:organisation>/massnahmen/",
        literacy_views.guidance_add,
        name="literacy_guidance_add",
    ),
    path(
        "ki-kompetenz/<int:organisation>/massnahmen/<int:pk>.pdf",
        literacy_views.guidance_file,
        name="literacy_guidance_file",
    ),
    path(
        "ki-kompetenz/<int:organisation>/massnahmen/<int:pk>/entfernen/",
        literacy_views.guidance_remove,
        name="literacy_guidance_remove",
    ),
    path("wissen/", views_knowledge.knowledge_index, name="knowledge"),
    path("wissen/<slug:family>/", views_knowledge.factsheet, name="factsheet"),
    path("hinweise/", views_knowledge.notice_templates, name="notices"),
    path(
        "hinweise/<int:organisation>/",
        views_knowledge.notice_templates_filled,
        name="notices_filled",
    ),
]
