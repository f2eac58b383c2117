from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "zukunftszentrum.assessments"
    label = "assessments"
    verbose_name = _("Selbstchecks")

    def ready(self) -> None:
        """Load and validate every content file: broken content stops the app from starting."""
        from . import extensions, personal_data, signals  # noqa: F401 - personal data registers itself
        from .engine.loader import ContentError
        from .instruments import catalog

        extensions.register()
        signals.connect()

        try:
            catalog()
        except ContentError as exc:
            raise ImproperlyConfigured(f"Broken self-check content: {exc}") from exc
