from modeltranslation.translator import TranslationOptions, register

from sessions.models import Session, Speaker


@register(Speaker)
class SpeakerTranslation(TranslationOptions):
    fields = ("name", "title", "bio")
    required_languages = {"en": ("name",), "ar": ("name",)}


@register(Session)
class SessionTranslation(TranslationOptions):
    # An organiser may write a session in one language first; the other falls
    # back until it is translated, and the slug comes from whichever exists.
    fields = ("title", "description")
    required_languages = ()
