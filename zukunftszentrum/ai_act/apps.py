from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class AiActConfig(AppConfig):
    name = "zukunftszentrum.ai_act"
    label = "ai_act"
    verbose_name = _("KI-Systeme und KI-Verordnung")

    def ready(self) -> None:
        """Load and check the AI-Act content (law, products, fact sheets, notices): broken
        content stops the app from starting."""
        from . import content, extensions, knowledge, law_status, products

        extensions.register()
        knowledge.reload()
        try:
            content.content()
        except content.ContentError as exc:
            raise ImproperlyConfigured(f"Broken AI-Act content: {exc}") from exc
        products.catalogue()  # a broken catalogue stops the start too, naming the field
        content.register_status_source(law_status.recorded_statuses)
