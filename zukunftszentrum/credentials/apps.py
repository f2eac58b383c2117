from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "zukunftszentrum.credentials"
    label = "credentials"
    verbose_name = _("Nachweise")

    def ready(self) -> None:
        from . import checks, extensions, receivers  # noqa: F401 - checks registers itself

        extensions.register()
        receivers.connect()
