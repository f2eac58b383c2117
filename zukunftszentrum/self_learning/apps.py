from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfLearningConfig(AppConfig):
    name = "zukunftszentrum.self_learning"
    label = "self_learning"
    verbose_name = _("Selbstlernen")

    def ready(self) -> None:
        from . import extensions

        extensions.register()
