from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaContactsConfig(AppConfig):
    name = "media_contacts"
    verbose_name = _("Press office")

    def ready(self) -> None:
        # The audit trail needs the models loaded.
        from media_contacts.models import (  # noqa: PLC0415
            InternalNote,
            InterviewRequest,
            MediaContact,
            PressRelease,
        )
        from media_contacts.services import JOURNALIST_FIELDS  # noqa: PLC0415
        from u20 import audit  # noqa: PLC0415

        for model in (PressRelease, MediaContact):
            audit.track(model)
        # What anonymisation erases from a request, and from its trail.
        audit.track(InterviewRequest, personal_fields=JOURNALIST_FIELDS)
        audit.track(InternalNote, personal_fields=["text"])
