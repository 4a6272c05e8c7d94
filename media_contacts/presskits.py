"""Press kits: each file checked and stored as journalists will get it, the
smaller copies made from it, and the ZIP of a whole kit.

- A photo or a PNG logo is drawn again by Pillow at its full size: no EXIF,
  no GPS position, nothing but pixels (u20.images.reencode_image); the
  original kept for download is that file, with its size and dimensions.
- An SVG logo is refused if it carries a script or loads anything
  (u20.svg); a fact sheet is a PDF that passes u20.pdfs.
- The ZIP is built on the first download after the kit changes and kept
  under a name made from what it holds, so a cached ZIP is never stale and
  an unchanged kit is never zipped twice.
"""

import hashlib
import io
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image

from media_contacts.models import PressKit, PressKitItem
from u20.images import MEDIA_TYPES, make_thumbnail, reencode_image
from u20.pdfs import PDF_MAGIC, validate_pdf
from u20.svg import check_svg

Kind = PressKitItem.Kind
LOGO_WIDTHS = (256, 512, 1024)
# What each stored file is sent as: the images u20.images writes, and ours.
FILE_TYPES = {
    **{f".{suffix}": media_type for suffix, media_type in MEDIA_TYPES.items()},
    ".svg": "image/svg+xml",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
}


def file_type(name: str) -> str:
    return FILE_TYPES.get(PurePosixPath(name).suffix.lower(), "application/octet-stream")


WRONG_FILE = {
    Kind.LOGO: gettext_lazy("A logo is an SVG or a PNG file."),
    Kind.PHOTO: gettext_lazy("A photo is a JPEG, PNG or WebP image."),
    Kind.FACT_SHEET: gettext_lazy("A fact sheet is a PDF document."),
}


def _read(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _is_svg(data: bytes) -> bool:
    """Markup of any kind is an attempt at an SVG, and is judged as one."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def checked_file(kind: str, upload) -> tuple[ContentFile, str]:
    """The file as it will be stored, and its suffix, or a ValidationError
    in the active language saying what is wrong with it."""
    data = _read(upload)
    if kind == Kind.FACT_SHEET:
        if not data.startswith(PDF_MAGIC):
            raise ValidationError(WRONG_FILE[kind], code="press_kit_wrong_file")
        validate_pdf(upload)
        return ContentFile(data, name="fact-sheet.pdf"), "pdf"
    if kind == Kind.LOGO and _is_svg(data):
        check_svg(data)
        return ContentFile(data, name="logo.svg"), "svg"
    try:
        image = reencode_image(upload)
    except ValidationError as error:
        if error.code in ("image_invalid", "image_format"):
            raise ValidationError(WRONG_FILE[kind], code="press_kit_wrong_file") from None
        raise
    suffix = image.name.rsplit(".", 1)[-1]
    if kind == Kind.LOGO and suffix != "png":
        raise ValidationError(WRONG_FILE[kind], code="press_kit_wrong_file")
    return image, suffix


def _png_rendition(data: bytes, width: int) -> ContentFile:
    with Image.open(io.BytesIO(data)) as image:
        height = max(1, round(image.height * width / image.width))
        smaller = image.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        smaller.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name=f"logo-{width}.png")


def store(item: PressKitItem, upload, *, checked: tuple[ContentFile, str] | None = None):
    """Check upload for item's kind, store it and its smaller copies, and
    save item. checked is what checked_file() already made of upload (a
    form that checked it), so that a photo is not drawn twice. Files it
    replaces are deleted once the change is committed."""
    content, suffix = checked or checked_file(item.kind, upload)
    old = [item.file.name, item.preview.name, *(r["name"] for r in item.renditions)]
    data = content.read()
    item.file.save(f"{item.kind}.{suffix}", ContentFile(data), save=False)
    item.size = len(data)
    item.width = item.height = None
    item.renditions = []
    item.preview = None
    if suffix in ("jpg", "png", "webp"):
        with Image.open(io.BytesIO(data)) as image:
            item.width, item.height = image.size
        item.preview.save("preview.webp", make_thumbnail(ContentFile(data)), save=False)
        if item.kind == Kind.LOGO:
            for width in LOGO_WIDTHS:
                if width < item.width:
                    copy = _png_rendition(data, width)
                    name = default_storage.save(
                        item.file.field.generate_filename(item, copy.name), copy
                    )
                    item.renditions.append({"width": width, "name": name, "size": copy.size})
    item.save()
    transaction.on_commit(lambda: _delete([name for name in old if name]))
    return item


def delete_item(item: PressKitItem) -> None:
    """Remove a file from its kit, with its copies once that is committed."""
    names = [item.file.name, item.preview.name, *(r["name"] for r in item.renditions)]
    item.delete()
    transaction.on_commit(lambda: _delete([name for name in names if name]))


def _delete(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _zip_key(kit: PressKit, items: list[PressKitItem]) -> str:
    parts = [kit.slug]
    for item in items:
        texts = [getattr(item, f"{field}_{code}") or "" for field in TEXT_FIELDS for code in LANGS]
        parts += [str(item.pk), item.file.name, *(r["name"] for r in item.renditions), *texts]
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=10).hexdigest()


TEXT_FIELDS = ("title", "caption", "credit", "licence")
LANGS = [code for code, _name in settings.LANGUAGES]
FOLDERS = {Kind.LOGO: "logos", Kind.PHOTO: "photos", Kind.FACT_SHEET: "fact-sheets"}


def _entry_name(item: PressKitItem, width: int | None = None) -> str:
    with translation.override("en"):
        stem = slugify(item.title_en or item.title) or f"file-{item.pk}"
    size = f"-{width}px" if width else ""
    suffix = "png" if width else item.suffix
    return f"{FOLDERS[item.kind]}/{item.order:02d}-{stem}{size}.{suffix}"


def download_name(item: PressKitItem, width: int | None = None) -> str:
    """The file's name in a download: what it is, not what we stored it as."""
    return _entry_name(item, width).split("/", 1)[1]


def credits_text(kit: PressKit, items: list[PressKitItem], language: str) -> str:
    """What each file is, with its caption, credit and licence, in language."""
    with translation.override(language):
        lines = [getattr(kit, f"title_{language}") or kit.title, ""]
        for item in items:
            lines.append(_entry_name(item))
            lines.append("  " + (getattr(item, f"title_{language}") or item.title))
            for label, field in (
                (_("Caption"), "caption"),
                (_("Credit"), "credit"),
                (_("Licence"), "licence"),
            ):
                value = getattr(item, f"{field}_{language}") or ""
                if value:
                    lines.append(f"  {label}: {value}")
            if item.width:
                lines.append(f"  {item.width} × {item.height} px")
            lines.append("")
    return "\n".join(lines)


def zip_name(kit: PressKit) -> str:
    """The stored ZIP of kit's files, built now if the kit changed since."""
    items = list(kit.items.all())
    name = f"press-kits/zips/{kit.slug}-{_zip_key(kit, items)}.zip"
    if kit.zip_name == name and default_storage.exists(name):
        return name
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in items:
            with item.file.open("rb") as source:
                archive.writestr(_entry_name(item), source.read())
            for rendition in item.renditions:
                with default_storage.open(rendition["name"], "rb") as source:
                    archive.writestr(_entry_name(item, rendition["width"]), source.read())
        for language in LANGS:
            archive.writestr(f"CREDITS-{language}.txt", credits_text(kit, items, language))
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(buffer.getvalue()))
    previous = kit.zip_name
    PressKit.objects.filter(pk=kit.pk).update(zip_name=name)
    kit.zip_name = name
    if previous and previous != name:
        default_storage.delete(previous)
    return name
