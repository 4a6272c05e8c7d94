from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class U20Config(AppConfig):
    name = "u20"
    verbose_name = _("Summits")
