"""Uploaded images: checked with Pillow, stored under names we make, and
shown through smaller WebP copies derived from them."""

import io
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
THUMBNAIL_SIZE = (320, 320)


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
