"""Uploaded images: checked with Pillow, drawn again by it so that only
pixels are kept, stored under names we make, and shown through smaller WebP
copies derived from them."""

import io
import re
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
THUMBNAIL_SIZE = (320, 320)
# How each format is written again: close to the original's look, smaller
# where the encoder can manage it.
REENCODE_OPTIONS = {
    "JPEG": {"quality": 90, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 90},
}


def upload_to(instance: models.Model, filename: str) -> str:
    """A server-made name: nothing of the uploader's file name reaches disk."""
    suffix = PurePosixPath(filename).suffix.lower().lstrip(".")
    if suffix == "jpeg":
        suffix = "jpg"
    if suffix not in ALLOWED_FORMATS.values():
        suffix = "img"
    return f"uploads/{instance._meta.model_name}/{uuid.uuid4().hex}.{suffix}"


def thumbnail_upload_to(instance: models.Model, filename: str) -> str:
    return f"thumbnails/{instance._meta.model_name}/{uuid.uuid4().hex}.webp"


# The folders upload_to and thumbnail_upload_to write to: the only ones
# whose files are public. Other apps keep theirs apart (the communiqués'
# PDFs, which go out through a view of their own as attachments).
PUBLIC_FOLDERS = ("uploads/", "thumbnails/")
# What a stored image is sent with, by the media view (u20/media.py) and by
# the object store (u20/storage.py) alike. Only the formats we write have a
# type; anything else under the media folder is not served.
MEDIA_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
# upload_to and thumbnail_upload_to make a new random name at every write
# and none is ever written twice: what such a name holds never changes, so
# browsers and shared caches may keep it for a year without asking again.
VERSIONED_NAME = re.compile(r"(?:uploads|thumbnails)/[a-z0-9_]+/[0-9a-f]{32}\.(?:jpg|png|webp)")
CACHE_FOR_GOOD = "public, max-age=31536000, immutable"
# A name made some other way (a file copied in by hand) may be replaced in
# place: a day, after which the browser asks again.
CACHE_FOR_A_DAY = "public, max-age=86400"


def media_type(name: str) -> str | None:
    return MEDIA_TYPES.get(PurePosixPath(name).suffix.lower().lstrip("."))


def media_cache_control(name: str) -> str:
    return CACHE_FOR_GOOD if VERSIONED_NAME.fullmatch(name) else CACHE_FOR_A_DAY


def thumbnail_field() -> models.ImageField:
    return models.ImageField(
        _("thumbnail"), upload_to=thumbnail_upload_to, blank=True, editable=False
    )


def validate_image(file) -> None:
    """Accept only a real JPEG, PNG or WebP under the byte and pixel limits."""
    size = getattr(file, "size", None)
    if size is not None and size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The image is too large: the limit is %(limit)s MB."),
            params={"limit": settings.IMAGE_MAX_BYTES // (1024 * 1024)},
            code="image_too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        # Image.open reads only the header, so the pixel count is known before
        # any decoding: a "pixel flood" file is refused without being expanded.
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            if image_format not in ALLOWED_FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG or WebP image."), code="image_format")
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise ValidationError(
                    _("The image has too many pixels (%(width)s × %(height)s)."),
                    params={"width": width, "height": height},
                    code="image_pixels",
                )
            image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not a valid image. Upload a JPEG, PNG or WebP image."),
            code="image_invalid",
        ) from None
    finally:
        if hasattr(file, "seek"):
            file.seek(position)


def reencode_image(content) -> ContentFile:
    """The image as Pillow writes it again in its own format, upright: no
    EXIF (and so no GPS position), XMP, comments, text chunks, colour profile
    or bytes appended after the picture survive, whatever the file carried.
    Checked by validate_image first, so every path gets the same limits."""
    validate_image(content)
    content.seek(0)
    try:
        with Image.open(content) as opened:
            image_format = opened.format
            image = ImageOps.exif_transpose(opened)
        options = dict(REENCODE_OPTIONS[image_format])
        # A palette PNG's transparent colour is part of the picture, not metadata.
        if image_format == "PNG" and "transparency" in image.info:
            options["transparency"] = image.info["transparency"]
        # Encoders fall back on image.info for what the call does not name (a
        # JPEG's comment, a PNG's colour profile): with it empty, only pixels go.
        image.info = {}
        buffer = io.BytesIO()
        image.save(buffer, format=image_format, **options)
    # validate_image has read the file; what may still fail is the EXIF that
    # exif_transpose parses or the encoder, and Pillow raises many kinds of
    # error on a hostile file: each is the same refusal, never a server error.
    except Exception:
        raise ValidationError(
            _("This file is not a valid image. Upload a JPEG, PNG or WebP image."),
            code="image_invalid",
        ) from None
    return ContentFile(buffer.getvalue(), name=f"image.{ALLOWED_FORMATS[image_format]}")


class ReencodedImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        # Every write of an upload comes here: the model's save (the admin's
        # forms) and direct .save() calls (load_demo) alike.
        reencoded = reencode_image(content)
        super().save(reencoded.name, reencoded, save=save)


class ReencodedImageField(models.ImageField):
    """An ImageField whose storage only ever receives the re-encoded image,
    never the bytes as they were uploaded."""

    attr_class = ReencodedImageFieldFile


def make_thumbnail(source) -> ContentFile:
    """A WebP copy that fits in THUMBNAIL_SIZE, upright, with no metadata."""
    source.open("rb")
    source.seek(0)
    with Image.open(source) as image:
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        image.thumbnail(THUMBNAIL_SIZE)
        buffer = io.BytesIO()
        image.save(buffer, format="WEBP", quality=82)
    return ContentFile(buffer.getvalue(), name="thumbnail.webp")


def refresh_thumbnails(instance: models.Model, *, sources: list[str] | None = None) -> None:
    """Derive again (or drop) the thumbnails named in the model's THUMBNAILS,
    for every source image, or only for those named in sources."""
    changed = []
    for source_name, target_name in getattr(instance, "THUMBNAILS", {}).items():
        if sources is not None and source_name not in sources:
            continue
        source = getattr(instance, source_name)
        target = getattr(instance, target_name)
        if target:
            target.delete(save=False)
        if source:
            target.save("thumbnail.webp", make_thumbnail(source), save=False)
        changed.append(target_name)
    if changed:
        instance.save(update_fields=changed)
