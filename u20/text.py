"""Text helpers shared by every app: search folding, slugs, and the check
on names people type."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db.models import Func, TextField, Value
from django.db.models.functions import Lower, Replace
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

# Characters a reader does not type when searching Arabic: the short vowels
# and other marks (tashkeel), the superscript alef and the tatweel.
ARABIC_MARKS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670", "\u0640"]
# Letters written several ways that a search must treat as one.
ARABIC_VARIANTS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ئ": "ي",
    "ؤ": "و",
    "ة": "ه",
}
FOLDING = [(mark, "") for mark in ARABIC_MARKS] + list(ARABIC_VARIANTS.items())
_FOLD_TABLE = str.maketrans(dict(FOLDING))
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """The form in which search compares text: lower case, no Arabic marks,
    one spelling for the alef, ya and ta marbuta variants."""
    return _SPACES.sub(" ", text.translate(_FOLD_TABLE).lower()).strip()


def Folded(expression) -> Func:
    """The database counterpart of fold(), built from the same table, so the
    query and the stored text are folded alike on SQLite and PostgreSQL."""
    folded = Lower(expression, output_field=TextField())
    for source, target in FOLDING:
        folded = Replace(folded, Value(source), Value(target), output_field=TextField())
    return folded


def unique_slug(text: str, *, taken, max_length: int = 80, fallback: str = "item") -> str:
    """A slug for text that `taken(slug)` says is free.

    Latin text gives an ASCII slug; text with no Latin letters, such as an
    Arabic-only title, keeps its letters (a Unicode slug works in every
    browser) rather than collapsing to nothing.
    """
    base = slugify(text) or slugify(text, allow_unicode=True) or fallback
    base = base[:max_length].strip("-") or fallback
    candidate, number = base, 2
    while taken(candidate):
        suffix = f"-{number}"
        candidate = f"{base[: max_length - len(suffix)]}{suffix}"
        number += 1
    return candidate


# Embeddings, overrides (U+202A-U+202E) and isolates (U+2066-U+2069) reorder
# the text around them: a name with U+202E reads backwards in an email, the
# admin or a spreadsheet. The marks U+200E and U+200F change no order and
# Arabic text uses them, as it uses ZWNJ and ZWJ between letters: allowed.
DIRECTION_CONTROLS = frozenset(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
# Letters and symbols that Unicode counts as such but that draw nothing, a
# known way to make a name that looks empty.
BLANK_LOOKALIKES = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _visible(character: str) -> bool:
    # Letters, numbers, punctuation and symbols draw something; marks,
    # spaces, separators and format or control characters do not on their own.
    return unicodedata.category(character)[0] in "LNPS" and character not in BLANK_LOOKALIKES


def validate_visible_text(value: str) -> None:
    """Refuse text that reorders what follows it, or that shows nothing."""
    if any(character in DIRECTION_CONTROLS for character in value):
        raise ValidationError(
            _(
                "Remove the invisible characters that change the direction of the text "
                "(such as U+202E)."
            ),
            code="text_direction_control",
        )
    if not any(_visible(character) for character in value):
        raise ValidationError(
            _("Enter visible text, not only spaces or invisible characters."),
            code="text_invisible",
        )
