from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaContactsConfig(AppConfig):
    name = "media_contacts"
    verbose_name = _("Press office")

    def ready(self) -> None:
        # The audit trail needs the models loaded.
        from django.db.models.signals import post_delete  # noqa: PLC0415

        from media_contacts.accreditation import (  # noqa: PLC0415
            APPLICATION_FIELDS,
            delete_press_card,
            held_by,
        )
        from media_contacts.models import (  # noqa: PLC0415
            Accreditation,
            InternalNote,
            InterviewRequest,
            MediaContact,
            PressRelease,
            ReleaseCorrection,
        )
        from media_contacts.services import JOURNALIST_FIELDS  # noqa: PLC0415
        from u20 import audit, personal_data  # noqa: PLC0415

        for model in (PressRelease, MediaContact, ReleaseCorrection):
            audit.track(model)
        # An accreditation's trail keeps the review (status, expiry), never
        # what the journalist gave, which goes with their account, nor the
        # private feed's token.
        audit.track(
            Accreditation,
            exclude_fields=[*APPLICATION_FIELDS, "email", "press_card", "feed_token"],
            personal_fields=["user"],
        )
        personal_data.register("accreditations", held_by)
        post_delete.connect(delete_press_card, sender=Accreditation, dispatch_uid="press-card")
        # What anonymisation erases from a request, and from its trail.
        audit.track(InterviewRequest, personal_fields=JOURNALIST_FIELDS)
        audit.track(InternalNote, personal_fields=["text"])
