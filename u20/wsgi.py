import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "u20.settings")

application = get_wsgi_application()

from u20.checks import MISSING_KEY, secret_key_is_set  # noqa: E402  (needs the apps loaded)

# A server must never start without its key: refuse now, not at the first
# request that signs a cookie.
if not secret_key_is_set():
    raise ImproperlyConfigured(MISSING_KEY)
