"""Uploads in an S3-compatible object store (u20.storage, MEDIA_STORAGE_URL),
against a real S3 API on loopback (tests/object_store.py): the objects in
the bucket, the addresses pages give and what the store sends from them,
and the communiqué read back through the storage."""

import io
import json
import re
from email.message import Message
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from PIL import Image

from tests import pdfs
from tests.factories import add_partner, make_organisation, make_summit
from tests.images import image_upload, jpeg_with_gps_and_html
from tests.recommendations.factories import make_communique
from u20.images import refresh_thumbnails
from u20.models import Organisation
from u20.settings import media_image_sources, object_store

FOR_GOOD = "public, max-age=31536000, immutable"
LOGO = re.compile(r'<img class="logo" src="([^"]+)"')
UPLOAD = re.compile(r"uploads/organisation/[0-9a-f]{32}\.jpg")
THUMBNAIL = re.compile(r"thumbnails/organisation/[0-9a-f]{32}\.webp")


def fetch(url: str) -> tuple[int, Message, bytes]:
    """What a browser gets from the address, with no credentials."""
    try:
        with urlopen(url, timeout=10) as reply:  # noqa: S310 (an http address on loopback)
            return reply.status, reply.headers, reply.read()
    except HTTPError as error:
        return error.code, error.headers, b""


@pytest.mark.django_db
def test_logo_uploaded_in_the_admin_is_stored_in_the_bucket(s3_bucket, admin_client, settings):
    data = {
        "name_en": "ICLEI",
        "name_ar": "إيكلي",
        "kind": "city_network",
        "logo": jpeg_with_gps_and_html(),
    }

    response = admin_client.post("/admin/u20/organisation/add/", data)

    assert response.status_code == 302
    organisation = Organisation.objects.get()
    logo, thumbnail = organisation.logo.name, organisation.logo_thumbnail.name
    assert UPLOAD.fullmatch(logo)
    assert THUMBNAIL.fullmatch(thumbnail)
    assert s3_bucket.object_names() == sorted([logo, thumbnail])
    assert s3_bucket.head(logo)["ContentType"] == "image/jpeg"
    assert s3_bucket.head(thumbnail)["ContentType"] == "image/webp"
    assert s3_bucket.head(thumbnail)["CacheControl"] == FOR_GOOD
    with Image.open(io.BytesIO(s3_bucket.read(logo))) as image:
        assert (image.format, dict(image.getexif())) == ("JPEG", {})
    assert not Path(settings.MEDIA_ROOT).exists()


@pytest.mark.django_db
def test_partners_page_shows_the_logo_from_the_object_store(s3_bucket, client):
    organisation = make_organisation(logo=image_upload(size=(640, 320)))
    refresh_thumbnails(organisation)
    summit = make_summit()
    add_partner(summit, organisation)
    thumbnail = Organisation.objects.get().logo_thumbnail.name

    response = client.get(f"/en/summits/{summit.slug}/partners/")
    src = LOGO.search(response.content.decode()).group(1)
    status, headers, body = fetch(src)

    assert src == f"{s3_bucket.public_url}/{thumbnail}"
    assert f"{s3_bucket.public_url}/" in response["Content-Security-Policy"]
    assert status == 200
    assert body == s3_bucket.read(thumbnail)
    assert headers["Content-Type"] == "image/webp"
    assert headers["Cache-Control"] == FOR_GOOD
    with Image.open(io.BytesIO(body)) as image:
        assert (image.format, image.size) == ("WEBP", (320, 160))


@pytest.mark.django_db
def test_new_logo_replaces_the_old_thumbnail_in_the_bucket(s3_bucket):
    organisation = make_organisation(logo=image_upload())
    refresh_thumbnails(organisation)
    first = organisation.logo_thumbnail.name

    organisation.logo.save("new.png", image_upload(colour=(200, 10, 10)))
    refresh_thumbnails(organisation)

    names = s3_bucket.object_names()
    assert first not in names
    assert organisation.logo_thumbnail.name in names
    assert len(names) == 3  # two originals (the first is kept) and one thumbnail


@pytest.mark.django_db
def test_communique_pdf_is_streamed_from_the_bucket(s3_bucket, client):
    communique = make_communique(summit=make_summit(slug="riyadh-2020"))
    communique.pdf.save("x.pdf", pdfs.pdf_upload(pdfs.clean_pdf()))

    response = client.get("/en/summits/riyadh-2020/communique/communique.pdf")

    assert s3_bucket.object_names() == [communique.pdf.name]
    assert s3_bucket.head(communique.pdf.name)["ContentDisposition"] == "attachment"
    assert fetch(f"{s3_bucket.public_url}/{communique.pdf.name}")[0] == 403
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="riyadh-2020-communique.pdf"'
    assert b"".join(response.streaming_content) == pdfs.clean_pdf()


@pytest.mark.django_db
def test_communique_pdf_missing_from_the_bucket_is_not_found(s3_bucket, client):
    communique = make_communique(summit=make_summit(slug="riyadh-2020"))
    communique.pdf.save("x.pdf", pdfs.pdf_upload(pdfs.clean_pdf()))
    s3_bucket.client.delete_object(Bucket=s3_bucket.name, Key=communique.pdf.name)

    response = client.get("/en/summits/riyadh-2020/communique/communique.pdf")

    assert response.status_code == 404


@pytest.mark.django_db
def test_media_view_is_off_with_an_object_store(s3_bucket, client):
    organisation = make_organisation(logo=image_upload())

    response = client.get(f"/media-files/{organisation.logo.name}")

    assert response.status_code == 404


def test_storage_url_names_bucket_prefix_endpoint_and_credentials():
    storage = object_store(
        {
            "MEDIA_STORAGE_URL": "s3://AKIA%2FKEY:se%2Bcret%40x@u20-media/summit/"
            "?endpoint_url=https://fra1.example-store.com&region_name=fra1"
        }
    )

    assert storage == {
        "BACKEND": "u20.storage.ObjectStorage",
        "OPTIONS": {
            "access_key": "AKIA/KEY",
            "secret_key": "se+cret@x",
            "bucket_name": "u20-media",
            "location": "summit",
            "endpoint_url": "https://fra1.example-store.com",
            "region_name": "fra1",
            "url_protocol": "https:",
            "custom_domain": "fra1.example-store.com/u20-media",
            "querystring_auth": False,
            "default_acl": None,
            "file_overwrite": False,
        },
    }
    assert media_image_sources(storage) == ["https://fra1.example-store.com/u20-media/"]


def test_aws_variables_name_a_bucket_at_amazon():
    storage = object_store(
        {"AWS_STORAGE_BUCKET_NAME": "u20-media", "AWS_S3_REGION_NAME": "me-south-1"}
    )

    assert storage["OPTIONS"]["custom_domain"] == "u20-media.s3.me-south-1.amazonaws.com"
    assert "access_key" not in storage["OPTIONS"]  # boto3 reads AWS_ACCESS_KEY_ID itself
    assert media_image_sources(storage) == ["https://u20-media.s3.me-south-1.amazonaws.com/"]


def test_custom_domain_is_where_pages_point():
    storage = object_store({"MEDIA_STORAGE_URL": "s3://u20-media?custom_domain=media.example.org"})

    assert media_image_sources(storage) == ["https://media.example.org/"]


def test_storage_url_virtual_addressing_puts_the_bucket_in_the_host():
    storage = object_store(
        {
            "MEDIA_STORAGE_URL": "s3://u20-media?endpoint_url=https://store.example.org"
            "&addressing_style=virtual"
        }
    )

    assert storage["OPTIONS"]["custom_domain"] == "u20-media.store.example.org"


def test_no_bucket_keeps_uploads_on_the_filesystem():
    assert object_store({}) is None
    assert media_image_sources({"BACKEND": "django.core.files.storage.FileSystemStorage"}) == []


@pytest.mark.parametrize(
    "url",
    ["https://u20-media", "s3://", "s3://u20-media?endpoint=https://store.example.org"],
)
def test_storage_url_that_cannot_be_read_stops_the_start(url):
    with pytest.raises(ImproperlyConfigured) as error:
        object_store({"MEDIA_STORAGE_URL": url})

    assert "s3://[KEY:SECRET@]BUCKET[/PREFIX]" in str(error.value)


@pytest.mark.django_db
def test_bucket_policy_command_prints_what_the_bucket_needs(s3_bucket):
    out = io.StringIO()

    call_command("media_bucket_policy", stdout=out)

    policy = json.loads(out.getvalue())
    assert policy["Statement"][0]["Resource"] == [
        f"arn:aws:s3:::{s3_bucket.name}/uploads/*",
        f"arn:aws:s3:::{s3_bucket.name}/thumbnails/*",
    ]
    assert json.loads(s3_bucket.client.get_bucket_policy(Bucket=s3_bucket.name)["Policy"]) == policy


def test_bucket_policy_command_without_an_object_store_says_so():
    with pytest.raises(CommandError) as error:
        call_command("media_bucket_policy")

    assert str(error.value) == "No object store is set: MEDIA_STORAGE_URL names none."
