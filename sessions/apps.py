from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    # Django's contrib.sessions owns the label "sessions".
    name = "sessions"
    label = "agenda"
    verbose_name = _("Agenda")
