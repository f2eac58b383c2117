"""URLs of the participation projects, mounted at /mitgestalten/. Every view declares its
access rule (see zukunftszentrum.core.access)."""

from django.urls import URLPattern

app_name = "participation"

urlpatterns: list[URLPattern] = []
