"""What makes an uploaded PDF (a communiqué, a press card) unsafe to hand on.

The file is opened with pypdf and every object reachable from its trailer is
looked at, so a script or an attachment is found wherever the document hides
it: the catalog's names tree, its OpenAction, the catalog's and the pages'
additional actions, annotations, outlines, form fields, chained /Next actions.
"""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

PDF_MAGIC = b"%PDF-"
# The walk visits at most this many dictionaries and arrays. A real
# communiqué has a few thousand; a file built to make the check run for ever
# is refused instead of walked.
MAX_PDF_CONTAINERS = 200_000

# Keys whose presence alone means a script: /JS holds an action's code,
# /JavaScript names the document-level scripts, /XFA forms carry their own.
SCRIPT_KEYS = ("/JS", "/JavaScript", "/XFA")
# /EmbeddedFiles is the names tree of attachments, /EF a file specification's
# embedded stream.
EMBEDDED_KEYS = ("/EmbeddedFiles", "/EF")

UNREADABLE = "pdf_unreadable"
ENCRYPTED = "pdf_encrypted"
JAVASCRIPT = "pdf_javascript"
LAUNCH = "pdf_launch"
EMBEDDED = "pdf_embedded_file"
TOO_COMPLEX = "pdf_too_complex"

MESSAGES = {
    UNREADABLE: _("This PDF cannot be read: it is damaged or incomplete. Export it again."),
    ENCRYPTED: _("This PDF is encrypted or protected by a password. Upload it without protection."),
    JAVASCRIPT: _("This PDF contains JavaScript. Upload a version without scripts."),
    LAUNCH: _("This PDF tries to open other files or programs. Upload a version without them."),
    EMBEDDED: _("This PDF has files attached or embedded in it. Upload it without attachments."),
    TOO_COMPLEX: _("This PDF is too complex to check. Upload a simpler export of the document."),
}


class PdfRefused(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _entry(dictionary: DictionaryObject, key: str):
    """The value under key with an indirect reference followed, which a plain
    .get() on a pypdf dictionary does not do."""
    value = dict.get(dictionary, key)
    return None if value is None else value.get_object()


def _dictionary_problem(dictionary: DictionaryObject) -> str | None:
    action = _entry(dictionary, "/S")
    if action == "/JavaScript" or any(key in dictionary for key in SCRIPT_KEYS):
        return JAVASCRIPT
    if action == "/Launch":
        return LAUNCH
    if (
        any(key in dictionary for key in EMBEDDED_KEYS)
        or _entry(dictionary, "/Type") == "/EmbeddedFile"
        or _entry(dictionary, "/Subtype") == "/FileAttachment"
    ):
        return EMBEDDED
    return None


def _walk(reader: PdfReader) -> None:
    """Look at every object reachable from the trailer, each once, with a
    stack rather than recursion: a hostile file can nest or loop as deep as
    it likes without exhausting Python's stack or running unbounded."""
    seen: set[tuple[int, int]] = set()
    stack: list = [reader.trailer]
    containers = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            reference = (item.idnum, item.generation)
            if reference in seen:
                continue
            seen.add(reference)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            problem = _dictionary_problem(item)
            if problem:
                raise PdfRefused(problem)
            children = dict.values(item)
        elif isinstance(item, ArrayObject):
            children = list.__iter__(item)
        else:
            continue
        containers += 1
        if containers > MAX_PDF_CONTAINERS:
            raise PdfRefused(TOO_COMPLEX)
        stack.extend(
            child
            for child in children
            if isinstance(child, (IndirectObject, DictionaryObject, ArrayObject))
        )


def check_pdf(data: bytes) -> None:
    """Raise a ValidationError when the PDF cannot be read, is encrypted, or
    carries JavaScript, launch actions or embedded files."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise PdfRefused(ENCRYPTED)
        if len(reader.pages) == 0:
            raise PdfRefused(UNREADABLE)
        _walk(reader)
    except PdfRefused as refused:
        raise ValidationError(MESSAGES[refused.code], code=refused.code) from None
    # pypdf raises many kinds of error on a broken or hostile file (its own,
    # but also KeyError, RecursionError, ...); whichever it is, the file is
    # refused rather than answered with a server error.
    except Exception:
        raise ValidationError(MESSAGES[UNREADABLE], code=UNREADABLE) from None


def _too_large(limit: int) -> ValidationError:
    return ValidationError(
        _("The PDF is too large: the limit is %(limit)s MB."),
        params={"limit": limit // (1024 * 1024)},
        code="pdf_too_large",
    )


def validate_pdf(file) -> None:
    """Accept only a PDF under the size limit (PDF_MAX_BYTES) that pypdf
    reads whole, with no encryption, JavaScript, launch actions or embedded
    files."""
    limit = settings.PDF_MAX_BYTES
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise _too_large(limit)
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        data = file.read(limit + 1)
    except (OSError, ValueError):
        data = b""
    finally:
        if hasattr(file, "seek"):
            file.seek(position)
    if not data.startswith(PDF_MAGIC):
        raise ValidationError(_("This file is not a PDF document."), code="pdf_invalid")
    if len(data) > limit:
        raise _too_large(limit)
    check_pdf(data)
