from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class U20Config(AppConfig):
    name = "u20"
    verbose_name = _("Summits")

    def ready(self) -> None:
        # Importing registers the system checks; at import time of this module
        # the app registry is not ready for them.
        from u20 import checks  # noqa: F401, PLC0415
