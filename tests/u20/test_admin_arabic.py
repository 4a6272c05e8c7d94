"""Nothing in English on the Arabic admin of our apps: the labels, help
texts and choices of our models, and every list and add page an organiser
opens."""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from sessions.languages import language_choices

OUR_APPS = ["u20", "agenda", "recommendations", "media_contacts"]

# Words that show a string left in English: the small words of any sentence
# and the admin's own vocabulary. Names, acronyms and codes (UTC, CSV, PDF,
# Markdown, Asia/Riyadh, the [en] and [ar] of a language's column) are not
# among them.
ENGLISH = {
    "a", "add", "all", "an", "and", "are", "be", "by", "cancel", "change", "choose",
    "delete", "edit", "enter", "filter", "for", "from", "go", "has", "in", "is", "it",
    "no", "not", "of", "on", "option", "or", "pagination", "run", "save", "search",
    "select", "the", "this", "to", "view", "when", "with", "yes", "you", "your",
}  # fmt: skip


class VisibleText(HTMLParser):
    """The text a reader meets in a page's main part, and the labels it gives
    controls; nothing hidden, nothing in a script. Image alternatives are left
    out: Django's admin writes its icons' alt (a search glass, a boolean's
    True or False) in English, untranslatable."""

    ATTRIBUTES = {"placeholder", "aria-label", "title"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    UNSEEN = {"script", "style", "template"}

    def __init__(self, html: str):
        super().__init__()
        self.parts: list[str] = []
        # (tag, inside <main>, hidden) for each open element
        self._open: list[tuple[str, bool, bool]] = [("", False, False)]
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        _, in_main, hidden = self._open[-1]
        in_main = in_main or tag == "main"
        hidden = (
            hidden
            or tag in self.UNSEEN
            or "hidden" in attributes
            or "hidden" in (attributes.get("class") or "").split()
        )
        if in_main and not hidden:
            self.parts += [value for name, value in attrs if name in self.ATTRIBUTES and value]
        if tag not in self.VOID:
            self._open.append((tag, in_main, hidden))

    def handle_endtag(self, tag):
        tags = [name for name, _, _ in self._open]
        if tag in tags[1:]:
            del self._open[len(tags) - 1 - tags[::-1].index(tag) :]

    def handle_data(self, data):
        _, in_main, hidden = self._open[-1]
        if in_main and not hidden and data.strip():
            self.parts.append(data.strip())


def english_in(html: str) -> list[str]:
    return [
        part
        for part in VisibleText(html).parts
        if {word.lower() for word in re.findall(r"[A-Za-z]+", part)} & ENGLISH
    ]


def admin_pages() -> list[str]:
    pages = []
    for model in admin.site._registry:
        if model._meta.app_label in OUR_APPS:
            name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
            pages += [reverse(f"{name}_changelist"), reverse(f"{name}_add")]
    return sorted(pages)


@pytest.mark.django_db
@pytest.mark.parametrize("path", admin_pages())
def test_arabic_admin_page_has_no_english_left(admin_client, path):
    response = admin_client.get(path, HTTP_ACCEPT_LANGUAGE="ar")
    if response.status_code == 403:
        pytest.skip("organisers never add these by hand")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl"' in html
    assert english_in(html) == []


# Fields no organiser meets, so their names stay as Django derives them:
# bookkeeping and values derived from others, never in a form, and the link
# from an inline row to the page it is edited on, which the form hides.
NOT_SHOWN = {
    "u20.SummitPartner.summit",
    "agenda.SessionHost.session",
    "agenda.SessionSpeaker.session",
    "agenda.SessionLanguage.session",
    "agenda.Recording.session",
    "agenda.Session.recording_announced_at",
    "agenda.Participant.user",
    "agenda.Participant.calendar_token",
    "media_contacts.PressRelease.image_width",
    "media_contacts.PressRelease.image_height",
}


def _in(lang: str, text) -> str:
    with translation.override(lang):
        return str(text)


def model_texts() -> list[tuple[str, object]]:
    """Each label, help text and choice our models show, named for the report."""
    texts = []
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            name = f"{label}.{model.__name__}"
            texts += [(name, model._meta.verbose_name), (name, model._meta.verbose_name_plural)]
            for field in model._meta.get_fields():
                where = f"{name}.{field.name}"
                if field.auto_created or not hasattr(field, "verbose_name") or where in NOT_SHOWN:
                    continue
                texts.append((where, field.verbose_name))
                if field.help_text:
                    texts.append((f"{where} (help)", field.help_text))
                if getattr(field.choices, "func", None) is language_choices:
                    # Named from CLDR in the reader's language, not from our
                    # catalogue: see test_language_choices_are_named_in_arabic.
                    continue
                texts += [(f"{where} = {value}", shown) for value, shown in field.flatchoices]
    return texts


def test_language_choices_are_named_in_arabic():
    with translation.override("ar"):
        names = dict(language_choices())
    assert (names["ar"], names["en"], names["fr"]) == ("العربية", "الإنجليزية", "الفرنسية")


@pytest.mark.parametrize(("where", "text"), model_texts(), ids=lambda v: str(v)[:60])
def test_model_labels_help_and_choices_are_translated(where, text):
    english = _in("en", text)
    if re.fullmatch(r"[A-Z0-9]+", english):
        pytest.skip("an acronym reads the same in Arabic")

    assert _in("ar", text) != english, where


@pytest.mark.django_db
def test_the_arabic_admin_index_names_every_app_and_model_in_arabic(admin_client):
    html = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()

    assert "المهام في الخلفية" in html
    assert "نتائج المهام" in html
    for english in ("Tasks Database Backend", "Task Results"):
        assert english not in html
