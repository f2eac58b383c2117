from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "zukunftszentrum.learning"
    label = "learning"
    verbose_name = _("Lernen")

    def ready(self) -> None:
        from . import extensions, moved_tasks

        extensions.register()
        moved_tasks.install()
