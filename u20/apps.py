from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class U20Config(AppConfig):
    default = True
    name = "u20"
    verbose_name = _("Summits")

    def ready(self) -> None:
        # Importing registers the system checks, and the audit trail needs the
        # models: at import time of this module the app registry is not ready.
        from allauth.mfa.models import Authenticator  # noqa: PLC0415

        from u20 import checks  # noqa: F401, PLC0415
        from u20.audit import track  # noqa: PLC0415
        from u20.models import City, Organisation, Summit, SummitPartner, Theme  # noqa: PLC0415

        for model in (City, Organisation, Summit, Theme, SummitPartner):
            track(model)
        # Every second factor added, used or removed; never its secret.
        track(Authenticator, exclude_fields=["data"])


class TaskQueueConfig(TasksAppConfig):
    """The task queue's tables, under a name the admin can show in Arabic.
    Named in INSTALLED_APPS in place of django_tasks_db."""

    verbose_name = _("Background tasks")


class SummitAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with our site as the default one every app registers on.
    Named in INSTALLED_APPS in place of django.contrib.admin."""

    default = False
    default_site = "u20.admin_site.SummitAdminSite"
