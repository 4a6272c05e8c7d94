"""Corrections to a release already out: the text before the change is kept
in every language, with the note readers see on the release's page."""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from modeltranslation.utils import build_localized_fieldname

from media_contacts.models import PressRelease, ReleaseCorrection

# What a correction is about: the text readers see.
TEXT_FIELDS = frozenset(
    build_localized_fieldname(name, code)
    for name in ("title", "summary", "body")
    for code, _name in settings.LANGUAGES
)


def record(
    *,
    release: PressRelease,
    before: PressRelease,
    by: AbstractBaseUser | None,
    notes: dict[str, str],
) -> ReleaseCorrection:
    """Keep release's text as before had it, with the note in each language."""
    previous = {name: getattr(before, name) for name in sorted(TEXT_FIELDS)}
    fields = {
        build_localized_fieldname("note", code): notes.get(code, "").strip()
        for code, _name in settings.LANGUAGES
    }
    with transaction.atomic():
        return ReleaseCorrection.objects.create(
            release=release, made_by=by, previous=previous, **fields
        )
