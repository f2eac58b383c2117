"""This app's pages. Every view declares its access rule (see zukunftszentrum.core.access)."""

from django.urls import URLPattern, path

from .views import imports, inventory

app_name = "ai_act"

urlpatterns: list[URLPattern] = [
    path("", inventory.systems, name="systems"),
    path("neu/", inventory.system_create, name="system_create"),
    path("export.xlsx", inventory.systems_export, name="systems_export"),
    path("import/", imports.systems_import, name="systems_import"),
    path("import/pruefen/", imports.systems_import_review, name="systems_import_review"),
    path("<int:pk>/", inventory.system_detail, name="system_detail"),
    path("<int:pk>/bearbeiten/", inventory.system_edit, name="system_edit"),
    path("<int:pk>/ausser-betrieb/", inventory.system_retire, name="system_retire"),
]
