import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates of attendance")

    def ready(self) -> None:
        # WeasyPrint logs each step of every PDF it makes at INFO, the
        # level the site logs at: only its warnings are news.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
        # The audit trail needs the models loaded.
        from certificates.models import Certificate, CertificateRelease  # noqa: PLC0415
        from u20 import audit  # noqa: PLC0415

        audit.track(CertificateRelease)
        # The name stays out of the trail: deleting an account deletes its
        # certificates, and nothing would erase the name from their entries.
        audit.track(Certificate, exclude_fields=["name"], personal_fields=["participant"])

        from certificates.selectors import held_by  # noqa: PLC0415
        from u20 import personal_data  # noqa: PLC0415

        personal_data.register("certificates", held_by)
