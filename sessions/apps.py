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

        # The audit trail needs the models loaded.
        from sessions.models import (  # noqa: PLC0415
            Participant,
            Registration,
            Session,
            SessionHost,
            SessionSpeaker,
            Speaker,
        )
        from u20 import audit  # noqa: PLC0415

        for model in (Session, SessionHost, SessionSpeaker, Speaker):
            audit.track(model)
        # The calendar token is a secret: whoever has it reads the feed.
        audit.track(
            Participant,
            exclude_fields=["calendar_token"],
            personal_fields=[
                "user",
                "full_name",
                "organisation",
                "role",
                "country",
                "language",
                "time_zone",
            ],
        )
        # Status and its times stay when the person goes; only who it was goes.
        audit.track(Registration, personal_fields=["participant"])
