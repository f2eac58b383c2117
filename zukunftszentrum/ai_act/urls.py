"""This app's pages. Every view declares its access rule (see zukunftszentrum.core.access)."""

from django.urls import URLPattern

app_name = "ai_act"

urlpatterns: list[URLPattern] = []
