from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AiActConfig(AppConfig):
    name = "zukunftszentrum.ai_act"
    label = "ai_act"
    verbose_name = _("KI-Systeme und KI-Verordnung")

    def ready(self) -> None:
        from . import extensions, products

        extensions.register()
        products.catalogue()  # broken catalogue content stops the start, naming the field
