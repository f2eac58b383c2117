from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConceptsConfig(AppConfig):
    name = "zukunftszentrum.concepts"
    label = "concepts"
    verbose_name = _("Konzepte")

    def ready(self) -> None:
        from . import extensions

        extensions.register()
