"""Press kits: what each file must be, what is stored of it (no EXIF, no
GPS, no script), the cached ZIP, and who may download a release's kit
while the release is under embargo."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from PIL import Image

from media_contacts import presskits
from media_contacts.models import EmbargoAccess, PressKit, PressKitItem
from tests.factories import make_summit
from tests.images import image_upload, jpeg_with_gps_and_html
from tests.media_contacts.factories import make_accreditation, make_release, make_staff
from tests.pdfs import clean_pdf, pdf_upload, pdf_with_javascript
from tests.staff import sign_in_with_second_factor

pytestmark = pytest.mark.django_db

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<circle r="4" cx="5" cy="5"/></svg>'
)
UNSAFE_SVGS = {
    "script": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "handler": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
    "javascript link": (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<a xlink:href="javascript:alert(1)"><rect/></a></svg>'
    ),
    "animated handler": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="onmouseover" '
        b'to="alert(1)"/></svg>'
    ),
}
EXTERNAL_SVGS = {
    "outside image": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/x.png"/>'
        b"</svg>"
    ),
    "foreign object": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><iframe '
        b'xmlns="http://www.w3.org/1999/xhtml" src="https://x.example"/></foreignObject></svg>'
    ),
    "css import": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(x.css);</style></svg>'
    ),
}
ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg">&b;</svg>'
)


def make_kit(**fields) -> PressKit:
    defaults = {"slug": "kit-2020", "title_en": "Kit", "title_ar": "حقيبة"}
    if "release" not in fields:
        defaults["summit"] = fields.pop("summit", None) or make_summit()
    return PressKit.objects.create(**{**defaults, **fields})


def add_item(kit, kind, upload, **fields) -> PressKitItem:
    item = PressKitItem(
        kit=kit, kind=kind, title_en=fields.pop("title_en", kind), title_ar="ملف", **fields
    )
    return presskits.store(item, upload)


def svg_upload(data: bytes, name: str = "logo.svg") -> ContentFile:
    return ContentFile(data, name=name)


def in_arabic(message: str) -> str:
    with translation.override("ar"):
        return translation.gettext(message)


@pytest.mark.parametrize("name", sorted(UNSAFE_SVGS))
def test_an_svg_with_script_is_refused(name):
    with pytest.raises(ValidationError) as error:
        presskits.checked_file("logo", svg_upload(UNSAFE_SVGS[name]))

    assert error.value.code == "svg_script"


@pytest.mark.parametrize("name", sorted(EXTERNAL_SVGS))
def test_an_svg_that_loads_or_embeds_anything_is_refused(name):
    with pytest.raises(ValidationError) as error:
        presskits.checked_file("logo", svg_upload(EXTERNAL_SVGS[name]))

    assert error.value.code == "svg_external"


def test_an_svg_with_entities_or_that_is_not_svg_is_refused_in_arabic():
    with translation.override("ar"):
        for data in (ENTITY_BOMB, b"<svg", b'<html xmlns="http://www.w3.org/1999/xhtml"/>'):
            with pytest.raises(ValidationError) as error:
                presskits.checked_file("logo", svg_upload(data))
            assert error.value.code == "svg_invalid"
            assert error.value.messages[0] == in_arabic(
                "This file is not a valid SVG image. Export it again as plain SVG."
            )


def test_a_clean_svg_is_kept_as_uploaded():
    item = add_item(make_kit(), "logo", svg_upload(SVG))

    assert item.suffix == "svg"
    assert item.file.open("rb").read() == SVG
    assert item.size == len(SVG)


def test_a_photo_keeps_its_full_size_and_loses_its_exif_and_gps():
    upload = jpeg_with_gps_and_html(size=(3000, 2000))
    item = add_item(make_kit(), "photo", upload, credit_en="Photo: Secretariat")

    stored = item.file.open("rb").read()
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (3000, 2000)
        assert not image.getexif()
        assert "xmp" not in image.info and "comment" not in image.info
    assert b"<script>" not in stored
    assert (item.width, item.height, item.size) == (3000, 2000, len(stored))
    assert item.preview.name.endswith(".webp")


def test_a_png_logo_gets_smaller_copies_and_a_jpeg_logo_is_refused():
    item = add_item(make_kit(), "logo", image_upload(size=(1200, 600)))

    assert [r["width"] for r in item.renditions] == [256, 512, 1024]
    with Image.open(default_storage.open(item.renditions[0]["name"])) as copy:
        assert copy.size == (256, 128)
    with pytest.raises(ValidationError) as error:
        presskits.checked_file("logo", image_upload("logo.jpg", image_format="JPEG"))
    assert error.value.messages == ["A logo is an SVG or a PNG file."]


def test_a_fact_sheet_is_a_checked_pdf():
    item = add_item(make_kit(), "fact_sheet", pdf_upload(clean_pdf()))
    assert item.suffix == "pdf"

    with pytest.raises(ValidationError) as not_pdf:
        presskits.checked_file("fact_sheet", image_upload())
    assert not_pdf.value.messages == ["A fact sheet is a PDF document."]
    with pytest.raises(ValidationError) as scripted:
        presskits.checked_file("fact_sheet", pdf_upload(pdf_with_javascript()))
    assert scripted.value.code == "pdf_javascript"


def test_the_zip_holds_every_file_without_exif_and_is_built_once():
    kit = make_kit()
    add_item(kit, "logo", svg_upload(SVG), title_en="Logo")
    add_item(
        kit, "photo", jpeg_with_gps_and_html(), title_en="Mayors online", credit_en="Photo: Sec"
    )
    add_item(kit, "fact_sheet", pdf_upload(clean_pdf()), title_en="Facts")

    name = presskits.zip_name(kit)
    archive = zipfile.ZipFile(default_storage.open(name))
    names = archive.namelist()

    assert "logos/00-logo.svg" in names
    assert "photos/00-mayors-online.jpg" in names
    assert "fact-sheets/00-facts.pdf" in names
    with Image.open(io.BytesIO(archive.read("photos/00-mayors-online.jpg"))) as photo:
        assert not photo.getexif()
    assert "Photo: Sec" in archive.read("CREDITS-en.txt").decode()
    built = default_storage.get_modified_time(name)
    kit.refresh_from_db()
    assert presskits.zip_name(kit) == name
    assert default_storage.get_modified_time(name) == built


def test_changing_a_file_gives_a_new_zip_and_removes_the_old():
    kit = make_kit()
    item = add_item(kit, "logo", svg_upload(SVG))
    first = presskits.zip_name(kit)

    item.credit_en = "Logo: U20"
    item.save()
    kit.refresh_from_db()
    second = presskits.zip_name(kit)

    assert second != first
    assert default_storage.exists(second) and not default_storage.exists(first)


def test_the_page_and_files_are_public_for_a_summit_kit(client):
    kit = make_kit()
    photo = add_item(kit, "photo", image_upload("p.jpg", image_format="JPEG"), alt_en="A square")
    logo = add_item(kit, "logo", svg_upload(SVG))

    page = client.get(f"/en/media/press-kits/{kit.slug}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert f"/en/media/press-kits/{kit.slug}/files/{photo.pk}/preview" in html
    assert 'alt="A square"' in html
    assert "400 × 300 px" in html

    original = client.get(f"/en/media/press-kits/{kit.slug}/files/{photo.pk}/original")
    assert original["Content-Type"] == "image/jpeg"
    assert original["Content-Disposition"].startswith("attachment")
    svg = client.get(f"/en/media/press-kits/{kit.slug}/files/{logo.pk}/original")
    assert svg["Content-Type"] == "image/svg+xml"
    assert "sandbox" in svg["Content-Security-Policy"]
    assert svg["X-Content-Type-Options"] == "nosniff"
    zipped = client.get(f"/en/media/press-kits/{kit.slug}.zip")
    assert zipped["Content-Type"] == "application/zip"
    assert client.get(f"/en/media/press-kits/{kit.slug}/files/{photo.pk}/999").status_code == 404


def test_the_arabic_page_is_right_to_left_with_arabic_texts(client):
    kit = make_kit(title_ar="الحقيبة الإعلامية")
    add_item(kit, "photo", image_upload("p.jpg", image_format="JPEG"), caption_ar="تعليق الصورة")

    html = client.get(f"/ar/media/press-kits/{kit.slug}/").content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert "الحقيبة الإعلامية" in html and "تعليق الصورة" in html


def test_a_release_kit_shares_the_release_embargo(client):
    release = make_release(
        published_at=timezone.now() - timedelta(hours=1),
        embargo_until=timezone.now() + timedelta(hours=3),
    )
    kit = make_kit(release=release, slug="release-kit")
    item = add_item(kit, "fact_sheet", pdf_upload(clean_pdf()))
    urls = [
        "/en/media/press-kits/release-kit/",
        "/en/media/press-kits/release-kit.zip",
        f"/en/media/press-kits/release-kit/files/{item.pk}/original",
    ]

    assert [client.get(url).status_code for url in urls] == [404, 404, 404]

    accreditation = make_accreditation()
    reader = Client()
    reader.force_login(accreditation.user)
    answers = [reader.get(url) for url in urls]
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert all("no-store" in answer["Cache-Control"] for answer in answers)
    assert "EMBARGOED UNTIL" in answers[0].content.decode()
    assert EmbargoAccess.objects.filter(via="press_kit", accreditation=accreditation).count() == 2


def test_an_unpublished_kit_is_found_by_nobody(client):
    kit = make_kit(is_published=False)

    assert client.get(f"/en/media/press-kits/{kit.slug}/").status_code == 404


def test_the_page_runs_the_same_queries_for_few_and_many_files(client, cold_pages):
    kit = make_kit()

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/en/media/press-kits/{kit.slug}/").status_code == 200
        return len(queries)

    for _ in range(3):
        add_item(kit, "logo", svg_upload(SVG))
    few = count()
    for _ in range(20):
        add_item(kit, "logo", svg_upload(SVG))
    many = count()

    assert few == many


def test_the_media_team_uploads_through_the_admin_and_an_svg_with_script_is_refused(client):
    sign_in_with_second_factor(client, make_staff())
    kit = make_kit()
    url = f"/admin/media_contacts/presskit/{kit.pk}/change/"
    data = {
        "title_en": kit.title_en,
        "title_ar": kit.title_ar,
        "slug": kit.slug,
        "summit": kit.summit_id,
        "release": "",
        "description_en": "",
        "description_ar": "",
        "is_published": "on",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-kind": "logo",
        "items-0-order": "0",
        "items-0-title_en": "Logo typed",
        "items-0-title_ar": "شعار",
    }

    refused = client.post(
        url,
        {**data, "items-0-file": svg_upload(UNSAFE_SVGS["script"], "evil.svg")},
        HTTP_ACCEPT_LANGUAGE="ar",
    )
    html = refused.content.decode()
    assert refused.status_code == 200
    assert (
        in_arabic(
            "This SVG contains a script or an event handler. Upload a version without scripts."
        )
        in html
    )
    assert 'value="Logo typed"' in html
    assert not kit.items.exists()

    accepted = client.post(
        url, {**data, "items-0-kind": "photo", "items-0-file": jpeg_with_gps_and_html()}
    )
    assert accepted.status_code == 302
    stored = kit.items.get()
    with Image.open(stored.file.open("rb")) as image:
        assert not image.getexif()
    assert stored.preview
