from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "recommendations"
    verbose_name = _("Communiqué")

    def ready(self) -> None:
        # The audit trail needs the models loaded.
        from recommendations.models import (  # noqa: PLC0415
            Area,
            Communique,
            Endorsement,
            FollowUpUpdate,
            Recommendation,
        )
        from u20 import audit  # noqa: PLC0415

        for model in (Communique, Area, Recommendation, Endorsement, FollowUpUpdate):
            audit.track(model)
