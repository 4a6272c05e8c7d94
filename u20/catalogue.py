"""Strings a kept library shows on our admin pages with no Arabic translation
of its own: django-auditlog's log pages, and what Django's admin (and its
forms and tasks) added in recent versions that Django's Arabic catalogue does
not have yet. Marked here, never called, so that `make makemessages` keeps
them in our catalogue, whose translations Django prefers to any app's. The
allauth strings are u20/catalogue_allauth.py's."""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

AUDITLOG = [
    gettext_noop("Audit log"),
    gettext_noop("Created"),
    gettext_noop("Resource"),
    gettext_noop("Changes"),
    gettext_noop("create"),
    gettext_noop("update"),
    gettext_noop("delete"),
    gettext_noop("access"),
    gettext_noop("actor"),
    gettext_noop("timestamp"),
    gettext_noop("action"),
    gettext_noop("Field"),
    gettext_noop("From"),
    gettext_noop("To"),
    gettext_noop("Relationship"),
    gettext_noop("object representation"),
    gettext_noop("No field changes"),
    gettext_noop("Correlation ID"),
]

DJANGO_ADMIN = [
    gettext_noop("Run"),
    gettext_noop("Search %(name)s"),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Pagination %(name)s entries"),
    gettext_noop("- Select an option -"),
    gettext_noop(", "),
    ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects."),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the "
        "following related items will be deleted:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related "
        "objects, but your account doesn't have permission to delete the following types of "
        "objects:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the following "
        "protected related objects:"
    ),
    gettext_noop("Logout"),
    gettext_noop('The app "%s" could not be found.'),
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
]
