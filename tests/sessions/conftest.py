import pytest

from tests.factories import make_participant


@pytest.fixture
def unverified():
    return make_participant(verified=False, email="new@example.org")


@pytest.fixture
def verified():
    return make_participant(email="known@example.org")
