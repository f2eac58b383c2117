from django.apps import AppConfig


class FaultsConfig(AppConfig):
    name = "benchmarks.faults"
    label = "zz_faults"

    def ready(self) -> None:
        from . import hooks

        hooks.install()
