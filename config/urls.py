"""The project's URLs. Every view declares its access rule (see zukunftszentrum.core.access)."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from zukunftszentrum.core.api import api_urls

# 503 instead of 500 while the database is unreachable (core/errors.py).
handler500 = "zukunftszentrum.core.errors.server_error"

urlpatterns = [
    path("", include("zukunftszentrum.core.urls")),
    path("", include("zukunftszentrum.organisations.urls")),
    path("checks/", include("zukunftszentrum.assessments.urls")),
    path("bedarfe/", include("zukunftszentrum.needs.urls")),
    path("lernen/einheiten/", include("zukunftszentrum.self_learning.urls")),
    path("lernen/", include("zukunftszentrum.learning.urls")),
    path("ki-systeme/", include("zukunftszentrum.ai_act.urls")),
    path("nachweise/", include("zukunftszentrum.credentials.urls")),
    path("mitgestalten/", include("zukunftszentrum.participation.urls")),
    path("konzepte/", include("zukunftszentrum.concepts.urls")),
    path("api/", api_urls()),
    path("konto/", include("allauth.urls")),
    path("sprache/", set_language, name="set_language"),
    path("verwaltung/", admin.site.urls),
]
