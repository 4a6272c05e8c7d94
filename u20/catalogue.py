"""Strings a kept library shows on our admin pages with no Arabic translation
of its own (django-auditlog's log pages). Marked here, never called, so that
`make makemessages` keeps them in our catalogue, whose translations Django
prefers to any app's."""

from django.utils.translation import gettext_noop

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
