from django.conf import settings


def absolute_url(path: str) -> str:
    """A link for an email, a calendar feed or an export: built from SITE_URL,
    never from the Host a request happened to carry."""
    return f"{settings.SITE_URL}{path}"
