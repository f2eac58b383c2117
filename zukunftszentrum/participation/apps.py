from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "zukunftszentrum.participation"
    label = "participation"
    verbose_name = _("Mitgestalten")

    def ready(self) -> None:
        from . import extensions

        extensions.register()
