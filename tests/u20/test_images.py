import io
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import make_organisation, make_speaker
from tests.images import APPENDED_HTML, image_upload, jpeg_with_gps_and_html, png_with_text_chunk
from u20.images import reencode_image, refresh_thumbnails, upload_to, validate_image
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


def test_reencode_image_drops_what_follows_the_picture_and_its_exif():
    upload = jpeg_with_gps_and_html()
    assert APPENDED_HTML in upload.read()

    reencoded = reencode_image(upload).read()

    assert APPENDED_HTML not in reencoded
    assert b"Exif" not in reencoded
    assert b"xmpmeta" not in reencoded
    assert b"taken at home" not in reencoded
    with Image.open(io.BytesIO(reencoded)) as image:
        assert (image.format, image.size, dict(image.getexif())) == ("JPEG", (400, 300), {})
        assert sorted(image.info) == ["jfif", "jfif_density", "jfif_unit", "jfif_version"]


def test_reencode_image_drops_png_text_chunks():
    reencoded = reencode_image(png_with_text_chunk()).read()

    with Image.open(io.BytesIO(reencoded)) as image:
        assert (image.format, image.size, image.mode, image.info) == ("PNG", (400, 300), "RGBA", {})
    assert b"tEXt" not in reencoded
    assert b"iTXt" not in reencoded


def test_reencode_image_turns_the_picture_upright():
    # EXIF orientation 6: the camera was turned a quarter clockwise.
    reencoded = reencode_image(jpeg_with_gps_and_html(size=(400, 300), orientation=6))

    with Image.open(reencoded) as image:
        assert image.size == (300, 400)


def test_reencode_image_refuses_a_file_that_is_not_an_image():
    fake = SimpleUploadedFile("logo.png", b"<html>not an image</html>", content_type="image/png")

    with pytest.raises(ValidationError) as error:
        reencode_image(fake)

    assert error.value.messages == [
        "This file is not a valid image. Upload a JPEG, PNG or WebP image."
    ]


def test_admin_logo_upload_keeps_only_the_reencoded_image(admin_client):
    data = {
        "name_en": "ICLEI",
        "name_ar": "إيكلي",
        "kind": "city_network",
        "logo": jpeg_with_gps_and_html("../../home/me/IMG_0001.jpg"),
    }

    response = admin_client.post("/admin/u20/organisation/add/", data)

    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert re.fullmatch(r"uploads/organisation/[0-9a-f]{32}\.jpg", organisation.logo.name)
    with organisation.logo.open("rb") as stored:
        content = stored.read()
    assert APPENDED_HTML not in content
    with Image.open(io.BytesIO(content)) as image:
        assert (image.format, image.size, dict(image.getexif())) == ("JPEG", (400, 300), {})
    assert [path.name for path in Path(organisation.logo.path).parent.iterdir()] == [
        Path(organisation.logo.name).name
    ]
    with Image.open(organisation.logo_thumbnail.path) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == ("WEBP", (320, 240))


@pytest.mark.django_db
def test_image_saved_through_the_field_directly_is_reencoded_too():
    # load_demo and any other code writes with FieldFile.save, not a form.
    speaker = make_speaker()

    speaker.photo.save("photo.png", png_with_text_chunk(), save=True)

    speaker.refresh_from_db()
    with Image.open(speaker.photo.path) as image:
        assert (image.format, image.size, image.info) == ("PNG", (400, 300), {})
    assert speaker.photo.name.endswith(".png")
