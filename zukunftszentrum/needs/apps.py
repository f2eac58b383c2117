from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "zukunftszentrum.needs"
    label = "needs"
    verbose_name = _("Regionale Bedarfsanalyse")

    def ready(self) -> None:
        from . import extensions, signals

        signals.connect()
        extensions.register()
