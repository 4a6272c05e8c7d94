from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class U20Config(AppConfig):
    name = "u20"
    verbose_name = _("Summits")

    def ready(self) -> None:
        from u20 import checks  # noqa: F401  (registers the system checks)
