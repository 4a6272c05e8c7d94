import os

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.utils import translation

from tests.object_store import s3_bucket, s3_endpoint  # noqa: F401 (fixtures, for tests to name)
from tests.smtp_server import smtp_server  # noqa: F401 (a fixture, for tests to name)
from tests.staff import sign_in_with_second_factor

# Test processes running side by side (pytest -n) share one Redis: each keeps
# its keys under a prefix of its own, and empties only those.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
if _WORKER:
    _cache_settings = settings.CACHES["default"]
    _cache_settings["KEY_PREFIX"] = f"{_cache_settings.get('KEY_PREFIX', '')}-{_WORKER}"


def _empty_cache() -> None:
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        client = backend._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{backend.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    else:
        backend.clear()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, whichever backend is in use."""
    _empty_cache()
    yield
    _empty_cache()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test go to a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests read static files from the source folders, without collectstatic."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing passwords at full strength would dominate the suite's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    """A request under /ar/ leaves Arabic active in the thread; each test
    starts and ends in the default language, whatever ran before it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def admin_client(client, admin_user):
    """The admin as an organiser reaches it: signed in with a second factor."""
    sign_in_with_second_factor(client, admin_user)
    return client


@pytest.fixture(autouse=True)
def _site_url(settings):
    """Links in emails, feeds and exports come from SITE_URL: a host no test
    request uses, so a link built from the request's Host shows at once."""
    settings.SITE_URL = "https://summit.example.org"


@pytest.fixture
def cold_pages(settings):
    """Pages built for each request: for tests of what building one costs."""
    settings.PAGE_CACHE_SECONDS = 0
