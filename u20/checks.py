from django.conf import settings
from django.core.checks import Warning, register
from django.core.exceptions import ImproperlyConfigured

MISSING_KEY = "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development)."


def secret_key_is_set() -> bool:
    try:
        return bool(settings.SECRET_KEY)
    except ImproperlyConfigured:
        return False


@register
def check_secret_key(app_configs, **kwargs):
    if secret_key_is_set():
        return []
    return [
        Warning(
            "DJANGO_SECRET_KEY is not set: the web application will refuse to start.",
            hint=MISSING_KEY,
            id="u20.W001",
        )
    ]
