from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "zukunftszentrum.organisations"
    label = "organisations"
    verbose_name = _("Zentren und Organisationen")

    def ready(self) -> None:
        from . import extensions, personal_data  # noqa: F401 - registers this app's personal data

        extensions.register()
