from django.utils import translation


def ui(lang: str, message: str) -> str:
    """A message as the site shows it in lang (Django's, allauth's or ours):
    whatever the catalogues hold today, or the English text while they have
    no translation yet."""
    with translation.override(lang):
        return translation.gettext(message)
