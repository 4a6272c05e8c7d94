from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    # Django's contrib.sessions owns the label "sessions".
    name = "sessions"
    label = "agenda"
    verbose_name = _("Agenda")

    def ready(self) -> None:
        # Registers the calendar attachment that queued emails name by key.
        from sessions import notifications  # noqa: F401, PLC0415
