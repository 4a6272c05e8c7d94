"""The press office's demo: an embargo that lifts a day after loading, two
accredited journalists, and a 2020 press kit drawn by the loader."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from media_contacts import accreditation as accreditation_service
from media_contacts import demo as media_demo
from media_contacts import demo_press_office as press_office
from media_contacts import presskits
from media_contacts.models import Accreditation, PressKit, PressRelease
from u20 import demo as u20_demo

pytestmark = pytest.mark.django_db


def load_demo(*, now=None) -> None:
    """What the press office's demo needs: the editions (the core's demo),
    then its own rows. tests/demo loads the whole site's demo."""
    now = now or timezone.now()
    u20_demo.load(now=now)
    media_demo.load(now=now)


def test_the_embargo_lifts_a_day_after_loading():
    now = timezone.now()
    load_demo(now=now)

    release = PressRelease.objects.get(slug=press_office.EMBARGOED_SLUG)

    assert release.embargo_until == now + timedelta(days=1)
    assert release.published_at < now
    assert release in PressRelease.objects.under_embargo(now=now)
    assert release not in PressRelease.objects.published(now=now)
    assert release in PressRelease.objects.published(now=now + timedelta(days=1))
    assert release.summit.is_sample
    assert release.title_ar and release.body_ar and release.title_ar != release.title_en


def test_two_journalists_are_accredited_and_one_waits_for_review():
    load_demo()

    approved = Accreditation.objects.filter(status="approved")
    assert approved.count() == 2
    assert all(accreditation_service.valid_for(a.user) == a for a in approved)
    assert Accreditation.objects.filter(status="submitted").count() == 1
    assert all(a.email.endswith("@example.org") for a in Accreditation.objects.all())
    assert all(not a.user.has_usable_password() for a in Accreditation.objects.all())


def test_the_2020_press_kit_has_logos_captioned_photos_and_a_fact_sheet():
    load_demo()

    kit = PressKit.objects.get(summit__slug="riyadh-2020")
    kinds = [item.kind for item in kit.items.all()]
    assert kinds.count("logo") == 2 and kinds.count("photo") == 2 and "fact_sheet" in kinds
    assert {item.suffix for item in kit.items.filter(kind="logo")} == {"svg", "png"}
    for photo in kit.items.filter(kind="photo"):
        assert photo.caption_en and photo.caption_ar and photo.credit_en and photo.licence_en
        assert photo.width >= 2000
        with Image.open(photo.file.open("rb")) as image:
            assert image.format == "JPEG" and not image.getexif()
    png = kit.items.get(kind="logo", file__endswith=".png")
    assert [r["width"] for r in png.renditions] == [256, 512, 1024]


def test_loading_again_redraws_nothing():
    load_demo()
    kit = PressKit.objects.get(summit__slug="riyadh-2020")
    names = sorted(kit.items.values_list("file", flat=True))

    load_demo()

    assert sorted(kit.items.values_list("file", flat=True)) == names


def test_the_demo_kit_zips_with_credits_in_both_languages():
    load_demo()
    kit = PressKit.objects.get(summit__slug="riyadh-2020")

    with kit.items.first().file.storage.open(presskits.zip_name(kit), "rb") as stored:
        archive = zipfile.ZipFile(io.BytesIO(stored.read()))

    names = archive.namelist()
    assert "CREDITS-en.txt" in names and "CREDITS-ar.txt" in names
    assert "Illustration: U20 demo data" in archive.read("CREDITS-en.txt").decode()
    assert "رسم توضيحي" in archive.read("CREDITS-ar.txt").decode()
    assert any(name.startswith("fact-sheets/") and name.endswith(".pdf") for name in names)
