import pytest


@pytest.fixture(autouse=True)
def _answers_built_each_time(settings):
    """Each request builds its answer, so a test that changes rows sees the
    change; the tests of the API's cache turn it back on."""
    settings.API_CACHE_SECONDS = 0
