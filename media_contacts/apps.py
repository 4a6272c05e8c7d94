from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaContactsConfig(AppConfig):
    name = "media_contacts"
    verbose_name = _("Press office")
