"""URLs of the concept designer, mounted at /konzepte/. Every view declares its access rule (see
zukunftszentrum.core.access)."""

from django.urls import URLPattern

app_name = "concepts"

urlpatterns: list[URLPattern] = []
