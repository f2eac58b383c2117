"""The concept designer: from a region's estimated needs to a proposed programme of learning
offers (which modules, in which format, where, when and how often), with the reasons, the value
of more resources, scenarios, and publication as draft offers in the catalogue."""

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class ConceptsConfig(AppConfig):
    name = "zukunftszentrum.concepts"
    label = "concepts"
    verbose_name = _("Konzepte")

    def ready(self) -> None:
        """Register the extensions and read the topic map: a broken file stops the start,
        naming file, line and field."""
        from zukunftszentrum.core.content_yaml import ContentError

        from . import content, extensions

        extensions.register()
        try:
            content.topic_map()
        except ContentError as exc:
            raise ImproperlyConfigured(f"Broken concept designer content: {exc}") from exc
