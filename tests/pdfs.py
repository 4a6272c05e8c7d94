"""PDF files made on the fly with pypdf's writer, for the communiqué's upload
tests: a clean one and the kinds a hostile uploader would send; and what a
test reads back from a PDF the site made: its text and its glyphs."""

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)


def _writer() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def _bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def clean_pdf() -> bytes:
    return _bytes(_writer())


def pdf_with_javascript() -> bytes:
    # pypdf 7 replaced add_js with add_open_action: the script still goes
    # into the catalog's /Names /JavaScript tree.
    writer = _writer()
    writer.add_open_action(JavaScript("app.alert('hello');"))
    return _bytes(writer)


def pdf_with_page_javascript() -> bytes:
    """A script in a page's additional actions (/AA /O), run when the page opens."""
    writer = _writer()
    writer.pages[0][NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): JavaScript("app.alert('page');")}
    )
    return _bytes(writer)


def pdf_with_attachment() -> bytes:
    writer = _writer()
    writer.add_attachment("invoice.exe", b"MZ\x90\x00")
    return _bytes(writer)


def _rectangle() -> ArrayObject:
    return ArrayObject([FloatObject(v) for v in (10, 10, 30, 30)])


def _launch() -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("cmd.exe"),
        }
    )


def pdf_with_file_attachment_annotation() -> bytes:
    writer = _writer()
    writer.add_annotation(
        0,
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/FileAttachment"),
                NameObject("/Rect"): _rectangle(),
                NameObject("/FS"): TextStringObject("notes.txt"),
            }
        ),
    )
    return _bytes(writer)


def pdf_with_launch_open_action() -> bytes:
    writer = _writer()
    writer.root_object[NameObject("/OpenAction")] = _launch()
    return _bytes(writer)


def pdf_with_launch_link() -> bytes:
    """A link annotation whose action (/A) starts a program when clicked."""
    writer = _writer()
    writer.add_annotation(
        0,
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): _rectangle(),
                NameObject("/A"): _launch(),
            }
        ),
    )
    return _bytes(writer)


def raw_pdf(*objects: bytes) -> bytes:
    """A PDF written by hand, object 1 its catalog, with a correct cross-reference
    table: for shapes pypdf's writer will not produce."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def pdf_with_looping_actions() -> bytes:
    """A harmless OpenAction whose /Next chain leads back to itself."""
    return raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /S /GoTo /D [3 0 R /Fit] /Next 5 0 R >>",
        b"<< /S /GoTo /D [3 0 R /Fit] /Next 4 0 R >>",
    )


def pdf_nested_too_deep() -> bytes:
    """An array nested far deeper than any document needs, to exhaust a
    recursive reader."""
    depth = 50_000
    return raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R /Junk 4 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"[" * depth + b"]" * depth,
    )


def encrypted_pdf() -> bytes:
    writer = _writer()
    # RC4 needs no cryptography library, which the project does not install.
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    return _bytes(writer)


def truncated_pdf() -> bytes:
    data = clean_pdf()
    return data[: len(data) // 2]


def garbage_pdf() -> bytes:
    return b"%PDF-1.7\n" + b"<html><script>alert(1)</script></html>\n" * 20


def pdf_upload(data: bytes, name: str = "communique.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def glyphs_for(page, character: str) -> set[tuple[str, str]]:
    """The glyphs (font, code) the page draws that stand for character,
    from each font's ToUnicode map (bfchar and bfrange entries)."""
    found = set()
    for name, font in page["/Resources"]["/Font"].items():
        cmap = font.get_object()["/ToUnicode"].get_data().decode("latin-1")
        for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*$", cmap, re.M):
            if bytes.fromhex(text).decode("utf-16-be") == character:
                found.add((name, code))
        for start, end, first in re.findall(
            r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", cmap
        ):
            offset = ord(character) - int(first, 16)
            if 0 <= offset <= int(end, 16) - int(start, 16):
                found.add((name, f"{int(start, 16) + offset:04x}"))
    return found


def pages_text(pdf: bytes) -> list[str]:
    """Each page's text, its runs of spaces and line breaks made one space."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
    """The whole document's text, as pages_text gives it, in one line."""
    return " ".join(pages_text(pdf))
