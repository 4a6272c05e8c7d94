"""Image files made on the fly for upload tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, PngImagePlugin


def image_upload(name="logo.png", *, image_format="PNG", size=(400, 300), colour=(11, 93, 59)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=image_format)
    content_type = f"image/{image_format.lower()}"
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


APPENDED_HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def jpeg_with_gps_and_html(name="photo.jpg", *, size=(400, 300), orientation=1):
    """A JPEG as a phone writes it (EXIF with a GPS position, XMP, a comment),
    with an HTML page appended after the picture's end."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (24.0, 42.0, 50.0)
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 93, 59)).save(
        buffer,
        format="JPEG",
        exif=exif,
        comment=b"taken at home",
        xmp=b"<x:xmpmeta>author: someone</x:xmpmeta>",
    )
    return SimpleUploadedFile(name, buffer.getvalue() + APPENDED_HTML, content_type="image/jpeg")


def png_with_text_chunk(name="logo.png", *, size=(400, 300)):
    """A PNG carrying text chunks (tEXt, iTXt), one of them HTML."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", APPENDED_HTML.decode())
    info.add_itxt("Author", "someone")
    buffer = io.BytesIO()
    Image.new("RGBA", size, (11, 93, 59, 200)).save(buffer, format="PNG", pnginfo=info)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
