from django.utils import translation


def ui(lang: str, message: str) -> str:
    """A message as the site shows it in lang (Django's, allauth's or ours):
    whatever the catalogues hold today, or the English text while they have
    no translation yet."""
    with translation.override(lang):
        return translation.gettext(message)


def translated(lang: str, message: str) -> str:
    """ui(lang, message), failing when a page in Arabic would show the English."""
    text = ui(lang, message)
    assert lang == "en" or text != message, f"no {lang} translation for {message!r}"
    return text
