import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import make_organisation
from tests.images import image_upload
from u20.images import refresh_thumbnails, upload_to, validate_image
from u20.models import Organisation


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP"])
def test_validate_image_accepts_jpeg_png_and_webp(image_format):
    validate_image(image_upload(image_format=image_format))


def test_validate_image_refuses_other_formats():
    with pytest.raises(ValidationError) as error:
        validate_image(image_upload("logo.gif", image_format="GIF"))

    assert error.value.messages == ["Upload a JPEG, PNG or WebP image."]


def test_validate_image_refuses_a_file_that_is_not_an_image():
    fake = SimpleUploadedFile("logo.png", b"<?php echo 'hello'; ?>", content_type="image/png")

    with pytest.raises(ValidationError) as error:
        validate_image(fake)

    assert error.value.messages == [
        "This file is not a valid image. Upload a JPEG, PNG or WebP image."
    ]


def test_validate_image_refuses_a_pixel_flood_before_decoding(settings):
    settings.IMAGE_MAX_PIXELS = 10_000

    with pytest.raises(ValidationError) as error:
        validate_image(image_upload(size=(200, 100)))

    assert error.value.messages == ["The image has too many pixels (200 × 100)."]


def test_validate_image_refuses_too_many_bytes(settings):
    settings.IMAGE_MAX_BYTES = 100

    with pytest.raises(ValidationError) as error:
        validate_image(image_upload())

    assert error.value.code == "image_too_large"


def test_upload_to_makes_its_own_name():

    name = upload_to(Organisation(), "../../etc/passwd.PNG")

    assert name.startswith("uploads/organisation/")
    assert name.endswith(".png")
    assert "passwd" not in name


@pytest.mark.django_db
def test_refresh_thumbnails_derives_a_small_webp():
    organisation = make_organisation(logo=image_upload(size=(1200, 800)))

    refresh_thumbnails(organisation)

    organisation.refresh_from_db()
    with Image.open(organisation.logo_thumbnail.path) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == ("WEBP", (320, 213))
    assert organisation.logo_thumbnail.name.startswith("thumbnails/organisation/")


@pytest.mark.django_db
def test_refresh_thumbnails_drops_the_thumbnail_when_the_image_goes():
    organisation = make_organisation(logo=image_upload())
    refresh_thumbnails(organisation)
    organisation.logo = ""

    refresh_thumbnails(organisation)

    organisation.refresh_from_db()
    assert organisation.logo_thumbnail.name == ""
