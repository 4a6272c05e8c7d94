"""Uploaded images served by the application on one machine (u20/media.py),
with DEBUG off as under gunicorn: public images under the media folder only,
with the headers browsers cache them by, and nothing else."""

import re
from email.utils import formatdate
from pathlib import Path

import pytest
from django.test import Client
from PIL import Image

from recommendations.models import Communique
from tests import pdfs
from tests.factories import add_partner, make_organisation, make_summit
from tests.images import image_upload, jpeg_with_gps_and_html
from tests.recommendations.factories import make_communique
from u20.images import refresh_thumbnails
from u20.models import Organisation

pytestmark = pytest.mark.django_db

FOR_GOOD = "public, max-age=31536000, immutable"
LOGO = re.compile(r'<img class="logo" src="([^"]+)"')


def organisation_with_logo(**fields) -> Organisation:
    organisation = make_organisation(logo=image_upload(), **fields)
    refresh_thumbnails(organisation)
    organisation.refresh_from_db()
    return organisation


def plant(root: Path, name: str, content: bytes) -> Path:
    """A file put in the media folder by other means than an upload."""
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def png_bytes() -> bytes:
    return image_upload().read()


def test_logo_uploaded_in_the_admin_shows_on_the_partners_page(settings, admin_client):
    assert settings.DEBUG is False
    data = {
        "name_en": "ICLEI",
        "name_ar": "إيكلي",
        "kind": "city_network",
        "logo": jpeg_with_gps_and_html(),
    }
    assert admin_client.post("/admin/u20/organisation/add/", data).status_code == 302
    organisation = Organisation.objects.get()
    summit = make_summit()
    add_partner(summit, organisation)
    visitor = Client()

    page = visitor.get(f"/en/summits/{summit.slug}/partners/").content.decode()
    src = LOGO.search(page).group(1)
    response = visitor.get(src)

    assert src == f"/media-files/{organisation.logo_thumbnail.name}"
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    with organisation.logo_thumbnail.open("rb") as stored:
        assert body == stored.read()
    with Image.open(organisation.logo_thumbnail.path) as image:
        assert image.format == "WEBP"
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == FOR_GOOD
    assert response["Content-Length"] == str(len(body))


def test_original_image_is_served_with_its_own_type(client):
    organisation = organisation_with_logo()

    response = client.get(organisation.logo.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == FOR_GOOD
    with organisation.logo.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()


def test_image_not_named_by_an_upload_is_kept_a_day_only(settings, client):
    plant(settings.MEDIA_ROOT, "uploads/organisation/copied-by-hand.png", png_bytes())

    response = client.get("/media-files/uploads/organisation/copied-by-hand.png")

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=86400"


@pytest.fixture
def outside(settings, tmp_path):
    """Files beside the media folder, that a climb out of it would reach."""
    assert Path(settings.MEDIA_ROOT) == tmp_path / "media"
    for folder in ("uploads", "thumbnails"):
        (tmp_path / "media" / folder).mkdir(parents=True)
    plant(tmp_path, "u20/settings.py", b"SECRET_KEY = 'not for the web'")
    plant(tmp_path, "outside.png", png_bytes())
    plant(tmp_path, "media-other/uploads/organisation/a.png", png_bytes())
    return tmp_path


@pytest.mark.parametrize(
    "path",
    [
        "/media-files/../u20/settings.py",
        "/media-files/%2e%2e/u20/settings.py",
        "/media-files/%2E%2E%2Fu20%2Fsettings.py",
        "/media-files/..%2f..%2fu20/settings.py",
        "/media-files/%252e%252e/u20/settings.py",
        "/media-files/uploads/../../outside.png",
        "/media-files/uploads/%2e%2e/%2e%2e/outside.png",
        "/media-files/thumbnails/..%2F..%2Foutside.png",
        "/media-files/uploads/..%5c..%5coutside.png",
        "/media-files/../media-other/uploads/organisation/a.png",
        "/media-files//outside.png",
        "/media-files/uploads/organisation/a.png%00.png",
    ],
)
def test_path_out_of_the_media_folder_is_not_found(client, outside, path):
    response = client.get(path)

    assert response.status_code == 404
    assert b"not for the web" not in response.content


def test_link_out_of_the_media_folder_is_not_followed(settings, client, outside):
    link = Path(settings.MEDIA_ROOT) / "uploads/organisation" / f"{'a' * 32}.png"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside / "outside.png")

    response = client.get(f"/media-files/uploads/organisation/{'a' * 32}.png")

    assert response.status_code == 404


def test_communique_folder_is_not_served(settings, client):
    communique = make_communique(summit=make_summit(slug="riyadh-2020"))
    communique.pdf.save("x.pdf", pdfs.pdf_upload(pdfs.clean_pdf()))
    name = Communique.objects.get().pdf.name
    plant(settings.MEDIA_ROOT, f"communiques/{'b' * 32}.png", png_bytes())

    assert name.startswith("communiques/")
    assert client.get(f"/media-files/{name}").status_code == 404
    assert client.get(f"/media-files/communiques/{'b' * 32}.png").status_code == 404
    assert client.get(f"/media-files/uploads/../communiques/{'b' * 32}.png").status_code == 404
    download = client.get("/en/summits/riyadh-2020/communique/communique.pdf")
    assert download["Content-Disposition"] == 'attachment; filename="riyadh-2020-communique.pdf"'


@pytest.mark.parametrize("suffix", ["html", "svg", "pdf", "img", "js"])
def test_file_that_is_not_an_image_we_write_is_not_served(settings, client, suffix):
    plant(settings.MEDIA_ROOT, f"uploads/organisation/{'c' * 32}.{suffix}", b"<svg onload=x>")

    response = client.get(f"/media-files/uploads/organisation/{'c' * 32}.{suffix}")

    assert response.status_code == 404


def test_missing_image_and_folder_are_not_found(client):
    organisation_with_logo()

    assert client.get(f"/media-files/uploads/organisation/{'d' * 32}.png").status_code == 404
    assert client.get("/media-files/uploads/organisation/").status_code == 404
    assert client.get("/media-files/uploads/organisation.png").status_code == 404


def test_unchanged_image_answers_not_modified(client):
    organisation = organisation_with_logo()
    first = client.get(organisation.logo_thumbnail.url)

    again = client.get(
        organisation.logo_thumbnail.url, headers={"if-modified-since": first["Last-Modified"]}
    )
    older = client.get(
        organisation.logo_thumbnail.url, headers={"if-modified-since": formatdate(0, usegmt=True)}
    )

    assert again.status_code == 304
    assert again.content == b""
    assert again["Cache-Control"] == FOR_GOOD
    assert again["Last-Modified"] == first["Last-Modified"]
    assert older.status_code == 200


def test_image_is_served_without_a_query(client, django_assert_num_queries):
    organisation = organisation_with_logo()

    with django_assert_num_queries(0):
        response = client.get(organisation.logo_thumbnail.url)

    assert response.status_code == 200


def test_only_reading_is_allowed(client):
    organisation = organisation_with_logo()

    assert client.head(organisation.logo_thumbnail.url).status_code == 200
    assert client.post(organisation.logo_thumbnail.url).status_code == 405


def test_media_view_is_off_when_uploads_live_elsewhere(settings, client):
    organisation = organisation_with_logo()
    name = organisation.logo_thumbnail.name
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }

    response = client.get(f"/media-files/{name}")

    assert response.status_code == 404
