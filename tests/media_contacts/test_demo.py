import re
from pathlib import Path

import pytest

from media_contacts import demo
from media_contacts import demo_press_office as press_office
from media_contacts.models import MediaContact, PressRelease
from tests.factories import make_summit

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int]:
    return PressRelease.objects.count(), MediaContact.objects.count()


def test_demo_load_twice_keeps_the_same_rows():
    demo.load()
    first = counts()

    demo.load()

    # Three releases of 2020 and the practice edition's one under embargo.
    assert first == (4, 4)
    assert counts() == first


def test_demo_releases_are_in_both_languages_and_linked_to_the_2020_summit():
    summit = make_summit(slug="riyadh-2020")

    demo.load()

    for release in PressRelease.objects.exclude(slug=press_office.EMBARGOED_SLUG):
        assert release.title_en and release.title_ar
        assert release.body_en and release.body_ar
        assert release.title_en != release.title_ar
        assert release.summit == summit


def test_demo_first_day_release_tells_the_facts():
    demo.load()

    release = PressRelease.objects.get(slug="first-day-eight-side-events")

    assert "500" in release.body_en and "500" in release.body_ar
    assert len(re.findall(r"^\d\. ", release.body_en, flags=re.MULTILINE)) == 8
    assert len(re.findall(r"^\d\. ", release.body_ar, flags=re.MULTILINE)) == 8
    assert "Riyadh" in release.body_en and "الرياض" in release.body_ar


def test_demo_latest_release_is_the_communique():
    demo.load()

    assert PressRelease.objects.published().first().slug == "communique-handed-to-the-g20"


def test_demo_contacts_are_fictional_with_one_general_address():
    demo.load()

    contacts = MediaContact.objects.all()
    assert [c.kind for c in contacts].count("desk") == 1
    assert all(c.email.endswith("@example.org") for c in contacts)
    assert all(c.phone.startswith("+966 11 555 01") for c in contacts)


def test_demo_text_is_our_own_not_the_seeds():
    # A copy of ../shared/seed/000_aaf1b3d8487feeb8.txt, the press release the product
    # started from, kept in the repository so that the test always runs.
    seed = Path(__file__).with_name("seed-press-release.txt").read_text(encoding="utf-8")
    seed_sentences = [s.strip() for s in seed.replace("،", ".").split(".") if len(s.strip()) > 40]

    demo.load()

    arabic = "\n".join(PressRelease.objects.values_list("body_ar", flat=True))
    assert len(seed_sentences) > 10
    assert [s for s in seed_sentences if s in arabic] == []
